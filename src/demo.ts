import 'reflect-metadata';
import { Client } from 'pg';
import { join } from 'node:path';
import { ConfigError } from './config/env';
import { migrate } from './database/migrate';
import { ChildProcesses } from './embedded/child-processes';
import { DEMO_APP_LOGIN, demoAppLogin } from './embedded/demo-app-login';
import { demoLog, demoWarn } from './embedded/demo-log';
import { demoAuditSigningKey, demoJwtSecret, demoOptions, safeUrl } from './embedded/demo-options';
import { startEmbeddedPostgres } from './embedded/embedded-postgres';
import { startEmbeddedRedis } from './embedded/embedded-redis';
import { postgresReachable, redisReachable } from './embedded/reachability';
import { findRedisBinary, RedisBinaryMissing } from './embedded/redis-binary';
import { DEMO_ACCOUNT, readyLine } from './embedded/ready-line';
import { runSeedIfPresent } from './embedded/seed-loader';

/**
 * `npm run demo`: the whole system on one machine. Uses DATABASE_URL and REDIS_URL when they are
 * set and answer; otherwise starts an embedded PostgreSQL (PGlite) and a real redis-server. Then
 * migrates, seeds a fresh database, and runs the API and the worker as child processes until
 * SIGINT or SIGTERM, when it stops them gracefully and then the embedded services.
 */
const ROOT = join(__dirname, '..', '..');
// PGlite has one session shared by every connection: small pools keep waiting short.
const EMBEDDED_POOL_SIZE = '4';

const closers: { name: string; close: () => Promise<void> }[] = [];
const children = new ChildProcesses();
let stopping = false;

/** Stops the children first (they still need the services), then the embedded services. */
async function shutdown(code: number): Promise<void> {
  if (stopping) {
    // npm forwards the terminal's Ctrl-C as well: one graceful stop is already under way.
    demoLog('already stopping: waiting for the API and the worker to finish');
    return;
  }
  stopping = true;
  demoLog('stopping');
  await children.stopAll(
    Number(process.env.SHUTDOWN_DRAIN_MS ?? 0) + Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 25000) + 5000,
  );
  for (const c of closers.reverse()) {
    await c.close().catch((e: unknown) => demoWarn(`stopping ${c.name}: ${(e as Error).message}`));
  }
  demoLog('stopped');
  process.exit(code);
}

async function main(): Promise<void> {
  const opts = demoOptions(process.env, ROOT);
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  process.once('exit', () => children.killAll());

  // Before anything starts: without a Redis to use or to run, say so and stop at once.
  let redisUrl = opts.redisUrl;
  let redisBinary: string | null = null;
  if (redisUrl && (await redisReachable(redisUrl))) {
    demoLog(`using Redis at ${safeUrl(redisUrl)}`);
  } else {
    if (redisUrl)
      demoWarn(`REDIS_URL (${safeUrl(redisUrl)}) does not answer: using an embedded redis-server`);
    redisBinary = findRedisBinary(process.env, join(ROOT, 'package.json'));
    redisUrl = undefined;
  }
  // The seed scores its indicator measurements with the catalog under config/, wherever npm runs from.
  process.env.CONFIG_DIR ??= join(ROOT, 'config');

  let databaseUrl = opts.databaseUrl;
  let embeddedDb = false;
  if (databaseUrl && (await postgresReachable(databaseUrl))) {
    demoLog(`using PostgreSQL at ${safeUrl(databaseUrl)}`);
  } else {
    if (databaseUrl)
      demoWarn(`DATABASE_URL (${safeUrl(databaseUrl)}) does not answer: using embedded PostgreSQL`);
    const started = Date.now();
    const pg = await startEmbeddedPostgres({
      dataDir: opts.dataDir && join(opts.dataDir, 'pglite'),
      port: opts.pgPort,
    });
    closers.push({ name: 'embedded PostgreSQL', close: () => pg.close() });
    databaseUrl = pg.url;
    embeddedDb = true;
    demoLog(
      `embedded PostgreSQL (PGlite) at ${pg.url}, data ${pg.dataDir ?? 'in memory'}, started in ${Date.now() - started} ms`,
    );
  }
  if (stopping) return;

  if (redisBinary) {
    const redis = await startEmbeddedRedis({ port: opts.redisPort, binary: redisBinary });
    closers.push({ name: 'embedded Redis', close: () => redis.close() });
    redisUrl = redis.url;
    demoLog(`embedded Redis at ${redis.url} (in memory: queued jobs do not survive a restart)`);
  }
  if (stopping) return;

  const fresh = !(await hasSchema(databaseUrl));
  let started = Date.now();
  const applied = await migrate(databaseUrl, 'run');
  demoLog(
    applied.length
      ? `applied ${applied.length} migration(s) in ${Date.now() - started} ms`
      : 'database schema is up to date',
  );
  if (opts.seed === 'always' || (opts.seed === 'auto' && fresh))
    await runSeedIfPresent(databaseUrl, __dirname);
  else demoLog(`seed skipped (DEMO_SEED=${opts.seed}${fresh ? '' : ', database already had a schema'})`);
  if (stopping) return;

  let appUrl = databaseUrl;
  try {
    appUrl = await demoAppLogin(databaseUrl, embeddedDb);
    demoLog(`the API and the worker act as ${DEMO_APP_LOGIN}, a member of enlace_app`);
  } catch (e) {
    demoWarn(
      `could not switch to ${DEMO_APP_LOGIN} (${(e as Error).message}): the API and the worker connect as the owner`,
    );
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    PORT: String(opts.apiPort),
    DATABASE_URL: appUrl,
    REDIS_URL: redisUrl,
    JWT_SECRET: demoJwtSecret(process.env, opts.dataDir),
    AUDIT_SIGNING_KEY: demoAuditSigningKey(process.env, opts.dataDir),
    CONFIG_DIR: process.env.CONFIG_DIR ?? join(ROOT, 'config'),
    DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? (embeddedDb ? EMBEDDED_POOL_SIZE : undefined),
    // No load balancer in front of the demo: Ctrl-C stops the API without a drain delay.
    SHUTDOWN_DRAIN_MS: process.env.SHUTDOWN_DRAIN_MS ?? '0',
    // The ready line says what matters; request and job logs only when asked for (LOG_LEVEL=info).
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  const died = (name: string) => (code: number | null) => {
    demoWarn(`${name} exited unexpectedly (code ${code}): stopping the demo`);
    void shutdown(1);
  };
  started = Date.now();
  children.start('api', join(__dirname, 'main.js'), env, died('api'));
  children.start('worker', join(__dirname, 'worker.js'), env, died('worker'));
  await waitForReady(`http://127.0.0.1:${opts.apiPort}/health/ready`, 60_000, () => stopping);
  if (stopping) return;
  const account = await demoAccount(databaseUrl);
  demoLog(readyLine({ ms: Date.now() - started, port: opts.apiPort, account }));
}

/** The documented demo account, when the database has it (DEMO_SEED=never may leave it out). */
async function demoAccount(url: string): Promise<{ email: string; password: string } | null> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query('SELECT 1 FROM app_user WHERE email = $1 AND active', [
      DEMO_ACCOUNT.email,
    ]);
    return rows.length ? DEMO_ACCOUNT : null;
  } finally {
    await c.end();
  }
}

async function hasSchema(url: string): Promise<boolean> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(`SELECT to_regclass('public.schema_migrations') IS NOT NULL AS present`);
    return rows[0].present === true;
  } finally {
    await c.end();
  }
}

async function waitForReady(url: string, timeoutMs: number, cancelled: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !cancelled()) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  if (!cancelled()) throw new Error(`the API did not become ready at ${url} within ${timeoutMs} ms`);
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof RedisBinaryMissing) console.error(`demo | ${e.message}`);
  else console.error('Enlace demo failed:', e instanceof Error ? e.message : e);
  void shutdown(1);
});
