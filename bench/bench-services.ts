import { spawn, ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrate } from '../src/database/migrate';
import { dropQueueKeys } from '../src/queues/queue-keys';
export { dropQueueKeys };

/** Shared helpers for benchmarks that need the real PostgreSQL and Redis (the shared services). */
export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROOT = join(__dirname, '..', '..');

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

/** Runs one statement on its own connection, by default to the maintenance database (CREATE / DROP DATABASE). */
export async function adminQuery(sql: string, url = PG_ADMIN_URL): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A scratch database migrated to the current head, dropped by `drop()`. */
export async function scratchDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  await migrate(u.toString(), 'run');
  return { url: u.toString(), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Starts `node dist/src/<entry>.js` with the given environment; resolves once `ready()` holds. */
export async function startProcess(
  entry: 'main' | 'worker',
  env: Record<string, string>,
  ready: () => Promise<boolean>,
): Promise<{ stop: () => Promise<void> }> {
  // BENCH_NODE_ARGS: node flags for the process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const proc: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, join(ROOT, 'dist', 'src', `${entry}.js`)],
    {
      // No load balancer to drain for: stop at once unless the benchmark says otherwise.
      env: { SHUTDOWN_DRAIN_MS: '0', ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const deadline = Date.now() + 30_000;
  while (!(await ready().catch(() => false))) {
    if (proc.exitCode !== null) throw new Error(`${entry} exited with ${proc.exitCode}`);
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`${entry} did not become ready`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    async stop() {
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The built API on a free loopback port, against a new scratch database and its own queue prefix
 * (no worker): what the HTTP benchmarks measure. `stop()` ends it and removes both.
 */
export async function startBenchApi(
  dbPrefix: string,
  env: Record<string, string> = {},
): Promise<{ base: string; dbUrl: string; jwtSecret: string; stop: () => Promise<void> }> {
  const jwtSecret = randomBytes(32).toString('hex');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const db = await scratchDatabase(dbPrefix);
  const queuePrefix = `enlace-bench-${randomBytes(3).toString('hex')}`;
  const api = await startProcess(
    'main',
    {
      NODE_ENV: 'development',
      PORT: String(port),
      DATABASE_URL: db.url,
      REDIS_URL,
      JWT_SECRET: jwtSecret,
      QUEUE_PREFIX: queuePrefix,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      ...env,
    },
    async () => (await fetch(`${base}/health/ready`)).status === 200,
  );
  return {
    base,
    dbUrl: db.url,
    jwtSecret,
    async stop() {
      await api.stop();
      await db.drop();
      await dropQueueKeys(REDIS_URL, queuePrefix);
    },
  };
}
