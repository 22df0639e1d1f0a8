import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './own-services';

const DEMO = join(__dirname, '..', '..', 'dist', 'src', 'demo.js');
export const DEMO_TEST_SECRET = 'demo-smoke-secret-demo-smoke-secret-0123';

export interface Demo {
  port: number;
  output(): string;
  stop(): Promise<number | null>;
  kill(): void;
}

/** Runs `node dist/src/demo.js` (what `npm run demo` runs after building) and waits for readiness. */
export async function startDemo(env: Record<string, string>): Promise<Demo> {
  const port = await freePort();
  const clean = { ...process.env };
  delete clean.DATABASE_URL;
  delete clean.REDIS_URL;
  const proc: ChildProcess = spawn(process.execPath, [DEMO], {
    env: {
      ...clean,
      PORT: String(port),
      JWT_SECRET: DEMO_TEST_SECRET,
      LOG_LEVEL: 'warn',
      OUTBOX_POLL_MS: '50',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const childPids = () => [...out.matchAll(/(?:api|worker) started \(pid (\d+)\)/g)].map((m) => Number(m[1]));
  const demo: Demo = {
    port,
    output: () => out,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      return exited;
    },
    kill() {
      // Only if a test failed half-way: leave no process behind.
      for (const pid of [proc.pid!, ...childPids()]) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    },
  };
  const deadline = Date.now() + 90_000;
  while (!/demo \| ready in/.test(out)) {
    if (proc.exitCode !== null) throw new Error(`demo exited during start:\n${out}`);
    if (Date.now() > deadline) {
      demo.kill();
      throw new Error(`demo did not become ready:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return demo;
}
