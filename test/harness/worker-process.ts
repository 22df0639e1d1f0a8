import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const WORKER = join(__dirname, '..', '..', 'dist', 'src', 'worker.js');

export interface WorkerProcess {
  proc: ChildProcess;
  output(): string;
  /** SIGTERM and wait for exit; resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** SIGKILL: a crash, no graceful shutdown. */
  kill(): Promise<void>;
}

/** Starts the real worker (compiled build) as a child process with the test's environment. */
export async function startWorker(
  env: Record<string, string>,
  readyPattern = /worker ready/,
  startTimeoutMs = 60000,
): Promise<WorkerProcess> {
  const proc = spawn(process.execPath, [WORKER], {
    env: { ...process.env, ...env, LOG_LEVEL: env.LOG_LEVEL === 'warn' ? 'info' : (env.LOG_LEVEL ?? 'info') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    // A loaded 2-core machine takes well over 20 s to load the worker's modules.
    const t = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`worker did not start:\n${out}`));
    }, startTimeoutMs);
    const check = () => {
      if (readyPattern.test(out)) {
        clearTimeout(t);
        resolve();
      }
    };
    proc.stdout!.on('data', check);
    proc.once('exit', () => {
      clearTimeout(t);
      reject(new Error(`worker exited during start:\n${out}`));
    });
  });
  return {
    proc,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode !== null) return proc.exitCode;
      proc.kill(signal);
      return exited;
    },
    async kill() {
      if (proc.exitCode !== null) return;
      proc.kill('SIGKILL');
      await exited;
    },
  };
}
