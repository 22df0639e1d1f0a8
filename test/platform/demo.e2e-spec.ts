import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Role } from '../../src/common/role';
import { DEMO_TEST_SECRET as SECRET, startDemo } from '../harness/demo-process';
import { createTestDatabase } from '../harness/test-db';
import { dropQueueKeys } from '../../src/queues/queue-keys';
import { REDIS_URL, uniqueName } from '../harness/services';

const jwt = new JwtService({
  secret: SECRET,
  signOptions: { algorithm: 'HS256', issuer: 'enlace', expiresIn: 600 },
});
const tokenFor = (role: Role) =>
  jwt.sign({ sub: randomUUID(), role, agency: randomUUID(), country: 'GT', lang: 'es' });

async function call(port: number, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, body: json, text };
}

async function jobState(port: number, token: string, jobId: string, want = 'completed', timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await call(port, 'GET', `/api/v1/system/jobs/system/${jobId}`, token);
    if (res.body?.state === want || Date.now() > deadline) return res;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('demo mode (npm run demo)', () => {
  it('boots embedded PostgreSQL and Redis without DATABASE_URL or REDIS_URL, serves the API and runs jobs', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'enlace-demo-'));
    const demo = await startDemo({ DEMO_DATA_DIR: dataDir, DEMO_PG_PORT: '0', DEMO_REDIS_PORT: '0' });
    try {
      const out = demo.output();
      expect(out).toMatch(/embedded PostgreSQL \(PGlite\) at postgres:\/\/postgres@127\.0\.0\.1:\d+/);
      expect(out).toMatch(/embedded Redis at redis:\/\/127\.0\.0\.1:\d+/);
      expect(out).toMatch(/applied \d+ migration\(s\)/);
      expect(out).not.toMatch(/:5432\/|:6379\b/);
      expect(out).toMatch(/seeded demo data in \d+ ms/);
      // The demo signs its audit checkpoints with a key of its own instead of warning at start.
      expect(out).not.toContain('AUDIT_SIGNING_KEY is not set');
      expect(out).toMatch(
        new RegExp(
          `demo \\| ready in \\d+ ms: API http://localhost:${demo.port}, API docs http://localhost:${demo.port}/docs, ` +
            `sign in as caseworker\\.gt@demo\\.enlace\\.example / Enlace-Demo-2026!`,
        ),
      );

      const ready = await call(demo.port, 'GET', '/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.checks).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });

      const admin = tokenFor(Role.Administrator);
      const caseworker = tokenFor(Role.Caseworker);
      expect((await call(demo.port, 'POST', '/api/v1/system/ping', undefined, {})).status).toBe(401);
      expect((await call(demo.port, 'POST', '/api/v1/system/ping', caseworker, {})).status).toBe(403);

      const ping = await call(demo.port, 'POST', '/api/v1/system/ping', admin, {});
      expect(ping.status).toBe(202);
      const done = await jobState(demo.port, admin, ping.body.jobId);
      expect(done.body).toMatchObject({ state: 'completed', returnValue: { sentAt: expect.any(String) } });

      // Both processes on the one PGlite session at once: the worker's outbox relay polls every
      // 50 ms while the API answers requests that write (denials are audited in a transaction).
      const burst = await Promise.all([
        ...Array.from({ length: 20 }, () => call(demo.port, 'POST', '/api/v1/system/ping', caseworker, {})),
        ...Array.from({ length: 20 }, () => call(demo.port, 'POST', '/api/v1/system/ping', admin, {})),
        ...Array.from({ length: 20 }, () => call(demo.port, 'GET', '/health/ready')),
      ]);
      expect(burst.map((r) => r.status).sort()).toEqual([
        ...Array(20).fill(200),
        ...Array(20).fill(202),
        ...Array(20).fill(403),
      ]);
      for (const r of burst.filter((x) => x.status === 202)) {
        expect((await jobState(demo.port, admin, r.body.jobId)).body.state).toBe('completed');
      }

      const pgUrl = /embedded PostgreSQL \(PGlite\) at (\S+),/.exec(out)![1];
      const pg = new Client({ connectionString: pgUrl });
      await pg.connect();
      try {
        const ext = await pg.query('SELECT extname FROM pg_extension ORDER BY extname');
        expect(ext.rows.map((r) => r.extname)).toEqual(
          expect.arrayContaining(['pg_trgm', 'pgcrypto', 'unaccent']),
        );
        // The session every connection shares acts as the application's login role.
        expect((await pg.query('SELECT current_user AS u')).rows[0].u).toBe('enlace_demo');
        await expect(pg.query(`DELETE FROM audit_entry`)).rejects.toMatchObject({ code: '42501' });

        // A denial inside the request's transaction (a caseworker reading a case not assigned to
        // them) is written once that transaction has ended: the one session cannot serve a second
        // connection before.
        const [agency] = (
          await pg.query(
            `INSERT INTO agency (country_code, name, type, version) VALUES ('GT', 'Demo probe', 'reception_center', 1) RETURNING id`,
          )
        ).rows;
        const [child] = (
          await pg.query(
            `INSERT INTO child (first_names, last_names, date_of_birth, sex, nationality, languages, documents,
               family_contacts, search_name, version)
             VALUES ('Ana', 'Pérez', '2012-04-09', 'female', 'GT', '{es}', '[]', '[]', 'ana perez', 1) RETURNING id`,
          )
        ).rows;
        const [caseFile] = (
          await pg.query(
            `INSERT INTO case_file (case_number, country_code, agency_id, child_id, phase, status, risk_level,
               returned_at, opened_at, legal_basis, version)
             VALUES ('GT-2026-demo1', 'GT', $1, $2, 'assessment', 'open', 'medium', now(), now(), 'consent', 1)
             RETURNING id`,
            [agency.id, child.id],
          )
        ).rows;
        const outsider = jwt.sign({
          sub: randomUUID(),
          role: Role.Caseworker,
          agency: agency.id,
          country: 'GT',
          lang: 'es',
        });
        const refused = await call(demo.port, 'GET', `/api/v1/cases/${caseFile.id}/assessments`, outsider);
        expect(refused.status).toBe(403);

        const denied = await pg.query(`SELECT count(*)::int AS n FROM audit_entry WHERE outcome = 'denied'`);
        expect(denied.rows[0].n).toBe(22);
        const f = await pg.query(
          `SELECT unaccent('Peña') AS u, similarity('Mariana', 'Mariano') > 0.5 AS near`,
        );
        expect(f.rows[0]).toEqual({ u: 'Pena', near: true });
      } finally {
        await pg.end();
      }

      expect(await demo.stop()).toBe(0);
      expect(demo.output()).toMatch(/worker exited \(code 0\)/);
      expect(demo.output()).toMatch(/demo \| stopped/);
    } finally {
      demo.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 150_000);

  it('falls back to the embedded services when the configured ones do not answer', async () => {
    const demo = await startDemo({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/enlace',
      REDIS_URL: 'redis://127.0.0.1:1',
      DEMO_DATA_DIR: 'memory',
    });
    try {
      expect(demo.output()).toMatch(
        /DATABASE_URL \(postgres:\/\/postgres@127\.0\.0\.1:1\/enlace\) does not answer/,
      );
      expect(demo.output()).toMatch(/REDIS_URL \(redis:\/\/127\.0\.0\.1:1\) does not answer/);
      expect(demo.output()).toMatch(/data in memory/);
      expect((await call(demo.port, 'GET', '/health/ready')).status).toBe(200);
      expect(await demo.stop()).toBe(0);
    } finally {
      demo.kill();
    }
  }, 120_000);

  it('uses configured PostgreSQL and Redis when they answer', async () => {
    const db = await createTestDatabase();
    const prefix = uniqueName('enlace-demo');
    const demo = await startDemo({
      DATABASE_URL: db.url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      DEMO_DATA_DIR: 'memory',
    });
    try {
      expect(demo.output()).toContain(`using PostgreSQL at ${db.url}`);
      expect(demo.output()).toContain(`using Redis at ${REDIS_URL}`);
      expect(demo.output()).not.toContain('embedded');
      expect(demo.output()).toContain('database schema is up to date');
      expect(demo.output()).toContain('the API and the worker act as enlace_demo, a member of enlace_app');
      expect(demo.output()).toMatch(/ready in \d+ ms: .*no demo users in this database/);
      const admin = tokenFor(Role.Administrator);
      const ping = await call(demo.port, 'POST', '/api/v1/system/ping', admin, {});
      expect((await jobState(demo.port, admin, ping.body.jobId)).body.state).toBe('completed');
      expect(await demo.stop()).toBe(0);
    } finally {
      demo.kill();
      await db.drop();
      await dropQueueKeys(REDIS_URL, prefix);
    }
  }, 120_000);
});
