import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { adminQuery } from '../harness/services';
import { createTestDatabase } from '../harness/test-db';
import { testEnv } from '../harness/test-env';

const root = join(__dirname, '..', '..');
const run = (script: string, env: Record<string, string | undefined>, args: string[] = []) =>
  spawnSync(process.execPath, [join(root, 'dist', script), ...args], {
    env: { PATH: process.env.PATH, ...env } as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 60000,
  });

describe('start-up refusal', () => {
  it.each(['src/main.js', 'src/worker.js'])(
    '%s refuses to start without configuration, naming each setting',
    (script) => {
      const r = run(script, { PORT: 'abc' });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('DATABASE_URL is required');
      expect(r.stderr).toContain('REDIS_URL is required');
      expect(r.stderr).toContain('JWT_SECRET is required');
      expect(r.stderr).toContain('PORT must be an integer');
    },
  );

  it('refuses to start with an invalid policy file, naming the file and key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'enlace-cfg-'));
    cpSync(join(root, 'config'), dir, { recursive: true });
    writeFileSync(
      join(dir, 'policy', 'countries', 'SV.yaml'),
      'followUp:\n  interval: { high: soon }\n  everyFullMoon: 1d\n',
    );
    const env = testEnv('postgres://postgres@127.0.0.1:5432/unused', { CONFIG_DIR: dir });
    const r = run('src/main.js', env);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/SV\.yaml: followUp\.interval\.high must be a duration/);
    expect(r.stderr).toMatch(/SV\.yaml: unknown key followUp\.everyFullMoon/);
  });

  it('refuses to start with a vocabulary file broken by an unquoted comma, naming the file and key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'enlace-cfg-'));
    cpSync(join(root, 'config'), dir, { recursive: true });
    const file = join(dir, 'vocabularies', 'data-categories.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        "es: 'Identificación (nombres, fecha de nacimiento)'",
        'es: Identificación (nombres, fecha de nacimiento)',
      ),
    );
    const env = testEnv('postgres://postgres@127.0.0.1:5432/unused', { CONFIG_DIR: dir });
    const r = run('src/main.js', env);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/data-categories\.yaml\[0\]: unknown key "fecha de nacimiento\)"/);
  });
});

describe('migration drift check', () => {
  it('passes on the migrated schema and fails when the schema drifts from the entities', async () => {
    const db = await createTestDatabase();
    try {
      const ok = run('src/database/migrate.js', { DATABASE_URL: db.url }, ['check']);
      expect(ok.stdout).toContain('Migrations match the entities');
      expect(ok.status).toBe(0);
      const c = new Client({ connectionString: db.url });
      await c.connect();
      await c.query('ALTER TABLE outbox_message DROP COLUMN delay_ms');
      await c.end();
      const drift = run('src/database/migrate.js', { DATABASE_URL: db.url }, ['check']);
      expect(drift.status).toBe(1);
      expect(drift.stderr).toContain('delay_ms');
    } finally {
      await db.drop();
    }
  });
});

describe('production refuses a database connection that could rewrite the audit trail', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const suffix = randomBytes(4).toString('hex');
  const appLogin = `enlace_t_api_${suffix}`;
  const owner = `enlace_t_owner_${suffix}`;
  const password = randomBytes(12).toString('hex');
  const as = (user: string) => {
    const u = new URL(db.url);
    u.username = user;
    u.password = password;
    return u.toString();
  };
  const prodEnv = (url: string, extra: Record<string, string> = {}) =>
    testEnv(url, { NODE_ENV: 'production', LOG_LEVEL: 'error', ...extra });

  beforeAll(async () => {
    db = await createTestDatabase();
    // The operator's step after the migrations, as the owner (here the superuser).
    const made = run('src/database/app-login-cli.js', {
      DATABASE_URL: db.url,
      APP_DB_USER: appLogin,
      APP_DB_PASSWORD: password,
    });
    expect(made.stdout).toContain(`Login role ${appLogin} is a member of enlace_app`);
    await adminQuery(`CREATE ROLE ${owner} LOGIN PASSWORD '${password}' IN ROLE enlace_app`);
    const c = new Client({ connectionString: db.url });
    await c.connect();
    await c.query(`ALTER TABLE schema_migrations OWNER TO ${owner}`);
    await c.end();
  });

  afterAll(async () => {
    await db?.drop();
    await adminQuery(`DROP ROLE IF EXISTS ${appLogin}`);
    await adminQuery(`DROP ROLE IF EXISTS ${owner}`);
  });

  it.each(['src/main.js', 'src/worker.js'])(
    '%s refuses to connect as a superuser, naming the fix',
    (script) => {
      const r = run(script, prodEnv(db.url));
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('DATABASE_URL connects as "postgres", a superuser');
      expect(r.stderr).toContain('member of enlace_app');
      expect(r.stderr).toContain('npm run db:app-login');
    },
  );

  it('refuses a superuser session that switches to the application role', () => {
    const u = new URL(db.url);
    u.searchParams.set('options', `-c role=${appLogin}`);
    const r = run('src/main.js', prodEnv(u.toString()));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('DATABASE_URL connects as "postgres", a superuser');
  });

  it.each(['src/main.js', 'src/worker.js'])('%s refuses to connect as the owner of the tables', (script) => {
    const r = run(script, prodEnv(as(owner)));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`DATABASE_URL connects as "${owner}", which owns the tables`);
  });

  it('starts as a login role that is a member of enlace_app', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => resolve(p));
      });
    });
    const env = prodEnv(as(appLogin), { PORT: String(port) });
    const api = spawn(process.execPath, [join(root, 'dist', 'src', 'main.js')], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    api.stderr!.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => api.once('exit', (code) => r(code)));
    try {
      let status = 0;
      for (let i = 0; i < 60 && api.exitCode === null && status !== 200; i++) {
        await new Promise((r) => setTimeout(r, 500));
        status = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
          (res) => res.status,
          () => 0,
        );
      }
      expect({ status, stderr }).toEqual({ status: 200, stderr: '' });
    } finally {
      api.kill('SIGTERM');
      await exited;
    }
  });
});
