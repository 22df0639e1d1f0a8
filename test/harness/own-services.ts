import { ChildProcess, execFile, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

/**
 * PostgreSQL and Redis servers a test owns, on their own ports, for fault tests that stop or
 * restart them. Never the shared services.
 */
const run = promisify(execFile);
const PG_BIN = process.env.TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface OwnPostgres {
  port: number;
  url(database?: string): string;
  start(): Promise<void>;
  /** pg_ctl stop: `fast` rolls back open transactions and closes connections (57P01). */
  stop(mode?: 'smart' | 'fast' | 'immediate'): Promise<void>;
  restart(): Promise<void>;
  destroy(): Promise<void>;
}

/** initdb into a temporary directory and start it on a free port (as the postgres user when run as root). */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'enlace-own-pg-'));
  const data = join(dir, 'data');
  // initdb and postgres refuse to run as root.
  const asUser = process.getuid?.() === 0 ? await postgresUser() : undefined;
  if (asUser) chownSync(dir, asUser.uid, asUser.gid);
  const opts = asUser ? { uid: asUser.uid, gid: asUser.gid } : {};
  const pgCtl = (...args: string[]) => run(join(PG_BIN, 'pg_ctl'), ['-D', data, ...args], opts);
  await run(
    join(PG_BIN, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'],
    opts,
  );
  const serverOpts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=50`;
  const start = async () => {
    await pgCtl('-l', join(dir, 'log'), '-o', serverOpts, '-w', 'start');
  };
  await start();
  let running = true;
  return {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async start() {
      await start();
      running = true;
    },
    async stop(mode = 'fast') {
      await pgCtl('-m', mode, '-w', 'stop');
      running = false;
    },
    async restart() {
      await pgCtl('-m', 'fast', '-l', join(dir, 'log'), '-o', serverOpts, '-w', 'restart');
      running = true;
    },
    async destroy() {
      if (running) await pgCtl('-m', 'immediate', '-w', 'stop').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const { stdout } = await run('id', ['postgres']);
  const uid = Number(/uid=(\d+)/.exec(stdout)?.[1]);
  const gid = Number(/gid=(\d+)/.exec(stdout)?.[1]);
  return { uid, gid };
}

/** Creates a database on an own PostgreSQL and runs the compiled migrations into it. */
export async function migratedDatabase(pg: OwnPostgres, name = 'enlace'): Promise<string> {
  const c = new Client({ connectionString: pg.url() });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
  const url = pg.url(name);
  await run(process.execPath, [join(__dirname, '..', '..', 'dist', 'src', 'database', 'migrate.js'), 'run'], {
    env: { ...process.env, DATABASE_URL: url },
  });
  return url;
}

export interface OwnRedis {
  port: number;
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A private redis-server (in memory), so stopping it disturbs nobody else. */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let proc: ChildProcess | undefined;
  const start = async () => {
    if (proc && proc.exitCode === null && proc.signalCode === null) return;
    const p = spawn(
      '/usr/bin/redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const t = setTimeout(() => reject(new Error(`redis did not start: ${out}`)), 10000);
      p.stdout!.on('data', (d) => {
        out += d;
        if (/Ready to accept connections/.test(out)) {
          clearTimeout(t);
          resolve();
        }
      });
    });
    proc = p;
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start,
    async stop() {
      const p = proc;
      if (!p || p.exitCode !== null) return;
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGKILL');
      await exited;
    },
  };
}
