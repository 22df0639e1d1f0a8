import { ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { demoLog } from './demo-log';

interface Child {
  name: string;
  proc: ChildProcess;
  exited: Promise<number | null>;
}

/**
 * The API and worker as child processes. Each runs in its own process group, so a Ctrl-C in the
 * terminal reaches only the demo, which then sends exactly one SIGTERM to each (a second signal
 * would cut a graceful shutdown short). Their output is forwarded line by line with a name prefix.
 */
export class ChildProcesses {
  private readonly children: Child[] = [];
  private stopping = false;

  start(
    name: string,
    script: string,
    env: NodeJS.ProcessEnv,
    onUnexpectedExit: (code: number | null) => void,
  ): void {
    const proc = spawn(process.execPath, [script], {
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const label = name.padEnd(6);
    createInterface({ input: proc.stdout! }).on('line', (l) => process.stdout.write(`${label} | ${l}\n`));
    createInterface({ input: proc.stderr! }).on('line', (l) => process.stderr.write(`${label} | ${l}\n`));
    const exited = new Promise<number | null>((resolve) =>
      proc.once('exit', (code, signal) => {
        if (!this.stopping) onUnexpectedExit(code);
        else demoLog(`${name} exited (${signal ?? `code ${code}`})`);
        resolve(code);
      }),
    );
    demoLog(`${name} started (pid ${proc.pid})`);
    this.children.push({ name, proc, exited });
  }

  /** SIGTERM to every child, then SIGKILL to those still running after `timeoutMs`. */
  async stopAll(timeoutMs: number): Promise<void> {
    this.stopping = true;
    const running = this.children.filter((c) => c.proc.exitCode === null && c.proc.signalCode === null);
    for (const c of running) c.proc.kill('SIGTERM');
    const timer = setTimeout(() => {
      for (const c of running) {
        if (c.proc.exitCode === null && c.proc.signalCode === null) {
          demoLog(`${c.name} did not stop in ${timeoutMs} ms: killing it`);
          c.proc.kill('SIGKILL');
        }
      }
    }, timeoutMs);
    await Promise.all(running.map((c) => c.exited));
    clearTimeout(timer);
  }

  /** Last resort when the demo itself exits abruptly: no orphans left holding ports. */
  killAll(): void {
    for (const c of this.children) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
  }
}
