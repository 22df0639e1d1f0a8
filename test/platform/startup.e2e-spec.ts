import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase } from '../harness/test-db';
import { testEnv } from '../harness/test-env';

const root = join(__dirname, '..', '..');
const run = (script: string, env: Record<string, string | undefined>, args: string[] = []) =>
  spawnSync(process.execPath, [join(root, 'dist', script), ...args], {
    env: { PATH: process.env.PATH, ...env } as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 20000,
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
