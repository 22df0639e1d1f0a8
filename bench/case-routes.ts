import 'reflect-metadata';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AccessTokenService } from '../src/auth/access-token.service';
import { Role } from '../src/common/role';
import type { Env } from '../src/config/env';
import { dataSourceOptions } from '../src/database/data-source-options';
import { Agency } from '../src/directory/agency.entity';
import { AppUser } from '../src/directory/app-user.entity';
import { REDIS_URL, dropQueueKeys, freePort, scratchDatabase, startProcess } from './bench-services';

/**
 * The case routes against an anchor from the same run: a bare Fastify + pg server (no Nest, no
 * authorization, no audit chain) doing the same SQL as the product route, with one plain log row
 * (or one multi-row INSERT for a list page) where the product writes its audit entries.
 *  - GET /api/v1/cases/:id as the assigned caseworker  vs  the case read's SELECTs + one INSERT
 *  - GET /api/v1/cases?limit=25                          vs  the page SELECT + one 25-row INSERT
 *  - POST /api/v1/cases, a new child each, concurrent    vs  INSERT child + case + one log row
 * Prints req/s, p50 and the ratio product/anchor. 200 cases in the database, 32 connections.
 *
 *   npm run build && node dist/bench/case-routes.js
 *   BENCH_CONNECTIONS (32), BENCH_DURATION seconds per route (10), BENCH_CASES (200)
 */
type Opts = Parameters<typeof autocannon>[0];

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CASES = Number(process.env.BENCH_CASES ?? 200);
const POOL = 10; // the API's default DB_POOL_SIZE

interface Figure {
  rps: number;
  p50: number;
  total: number;
  bad: number;
}

async function measure(opts: Opts): Promise<Figure> {
  // A slow route must be measured, not timed out: 60 s per request.
  await autocannon({ ...opts, connections: CONNECTIONS, duration: 2, timeout: 60 });
  const r = await autocannon({ ...opts, connections: CONNECTIONS, duration: DURATION, timeout: 60 });
  return { rps: r['2xx'] / DURATION, p50: r.latency.p50, total: r.requests.total, bad: r.non2xx + r.errors };
}

function registrationBody(agencyId: string): string {
  const tag = randomBytes(5).toString('hex');
  return JSON.stringify({
    reception: {
      receivedAt: '2026-03-01T10:00:00Z',
      receptionCenterId: agencyId,
      returnedFrom: 'US',
      meansOfReturn: 'air',
      accompaniment: 'unaccompanied',
    },
    child: {
      firstNames: `Bench ${tag}`,
      lastNames: `Registro ${tag.split('').reverse().join('')}`,
      dateOfBirth: '2011-04-12',
      sex: 'female',
      nationality: 'GT',
      languages: ['es'],
    },
    protectionConcerns: ['family_separation'],
    immediateNeeds: ['food'],
    legalBasis: 'vital_interests',
    riskLevel: 'medium',
  });
}

/** The bare server: the product routes' SQL on a pg pool, nothing else. */
async function startAnchor(url: string, actor: { userId: string; agencyId: string }) {
  const pool = new Pool({ connectionString: url, max: POOL });
  const tx = async <T>(work: (q: (sql: string, p?: unknown[]) => Promise<any[]>) => Promise<T>) => {
    const c = await pool.connect();
    try {
      await c.query('BEGIN ISOLATION LEVEL READ COMMITTED');
      const out = await work(async (sql, p) => (await c.query(sql, p)).rows);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK');
      throw e;
    } finally {
      c.release();
    }
  };
  const app = Fastify();
  app.get<{ Params: { id: string } }>('/cases/:id', (req) =>
    tx(async (q) => {
      const [c] = await q('SELECT * FROM case_file WHERE id = $1', [req.params.id]);
      const [linked] = await q('SELECT * FROM linked_child_record WHERE case_id = $1 LIMIT 1', [c.id]);
      const child = linked ?? (await q('SELECT * FROM child WHERE id = $1', [c.child_id]))[0];
      const [reception] = await q(
        'SELECT * FROM reception_event WHERE case_id = $1 ORDER BY received_at DESC LIMIT 1',
        [c.id],
      );
      const [{ n }] = await q('SELECT count(*)::int AS n FROM interview WHERE child_id = $1', [c.child_id]);
      const others = await q('SELECT * FROM case_file WHERE child_id = $1 ORDER BY opened_at', [c.child_id]);
      await q(`INSERT INTO bench_log (actor, action, case_id, fields) VALUES ($1, 'case.read', $2, $3)`, [
        actor.userId,
        c.id,
        ['operational', 'identifying'],
      ]);
      return { ...c, child, reception, interviewCount: n, childCases: others.length };
    }),
  );
  app.get('/cases', () =>
    tx(async (q) => {
      const rows = await q(
        `SELECT c.*, ch.first_names, ch.last_names, ch.date_of_birth, lr.first_names AS lr_first_names
           FROM case_file c JOIN child ch ON ch.id = c.child_id
           LEFT JOIN linked_child_record lr ON lr.case_id = c.id
          WHERE c.agency_id = $1 ORDER BY c.opened_at DESC, c.id DESC LIMIT 26`,
        [actor.agencyId],
      );
      const page = rows.slice(0, 25);
      await q(
        `INSERT INTO bench_log (actor, action, case_id, fields)
           SELECT $1, 'case.list', unnest($2::uuid[]), '{operational}'`,
        [actor.userId, page.map((r) => r.id)],
      );
      return { items: page, next: rows.length > 25 };
    }),
  );
  app.post('/cases', () =>
    tx(async (q) => {
      const tag = randomBytes(5).toString('hex');
      const [child] = await q(
        `INSERT INTO child (first_names, last_names, sex, nationality, search_name, version)
           VALUES ($1, 'Registro', 'female', 'GT', $2, 1) RETURNING id`,
        [`Bench ${tag}`, `bench ${tag} registro`],
      );
      const [c] = await q(
        `INSERT INTO case_file (case_number, country_code, agency_id, assigned_user_id, child_id, risk_level,
                                returned_at, opened_at, legal_basis, version)
           VALUES ($1, 'GT', $2, $3, $4, 'medium', now(), now(), 'vital_interests', 1) RETURNING id`,
        [`GT-A-${tag}`, actor.agencyId, actor.userId, child.id],
      );
      await q(`INSERT INTO bench_log (actor, action, case_id, fields) VALUES ($1, 'case.create', $2, '{}')`, [
        actor.userId,
        c.id,
      ]);
      return { id: c.id };
    }),
  );
  const port = await freePort();
  await app.listen({ port, host: '127.0.0.1' });
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}

async function main(): Promise<void> {
  const secret = randomBytes(32).toString('hex');
  const db = await scratchDatabase('enlace_bench_routes');
  const queuePrefix = `enlace-bench-${randomBytes(3).toString('hex')}`;
  const ds = new DataSource(dataSourceOptions(db.url, 2));
  await ds.initialize();
  let api: { stop: () => Promise<void> } | undefined;
  let anchor: Awaited<ReturnType<typeof startAnchor>> | undefined;
  try {
    const save = <T extends object>(entity: new () => T, v: Partial<T>): Promise<T> =>
      ds.getRepository(entity).save(ds.getRepository(entity).create(v as T));
    const agency = await save(Agency, {
      countryCode: 'GT',
      name: 'Centro de recepción',
      type: 'reception_center',
      services: [],
    });
    const user = await save(AppUser, {
      agencyId: agency.id,
      role: 'caseworker',
      email: `bench.${randomUUID()}@example.org`,
      fullName: 'Bench',
      passwordHash: 'x',
    });
    await ds.query(
      `WITH kids AS (
         INSERT INTO child (first_names, last_names, sex, nationality, search_name, version)
         SELECT 'Niña ' || i, 'Bench', 'female', 'GT', 'nina ' || i || ' bench', 1 FROM generate_series(1, $1) i
         RETURNING id)
       INSERT INTO case_file (case_number, country_code, agency_id, assigned_user_id, child_id, risk_level,
                              returned_at, opened_at, legal_basis, version)
       SELECT 'GT-B-' || row_number() OVER (), 'GT', $2, $3, id, 'medium', now(), now() - random() * interval '90 days', 'consent', 1
         FROM kids`,
      [CASES, agency.id, user.id],
    );
    await ds.query(`CREATE TABLE bench_log (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(),
      actor uuid, action text NOT NULL, case_id uuid, fields text[] NOT NULL)`);
    const [{ id: caseId }] = await ds.query(`SELECT id FROM case_file ORDER BY opened_at DESC LIMIT 1`);

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    api = await startProcess(
      'main',
      {
        NODE_ENV: 'development',
        PORT: String(port),
        DATABASE_URL: db.url,
        REDIS_URL,
        JWT_SECRET: secret,
        QUEUE_PREFIX: queuePrefix,
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
        DB_POOL_SIZE: String(POOL),
      },
      async () => (await fetch(`${base}/health/ready`)).status === 200,
    );
    anchor = await startAnchor(db.url, { userId: user.id, agencyId: agency.id });
    const token = new AccessTokenService({ jwtSecret: secret, jwtAccessTtlSeconds: 3600 } as Env).sign({
      userId: user.id,
      role: Role.Caseworker,
      agencyId: agency.id,
      countryCode: 'GT',
      language: 'es',
    });
    const auth = { authorization: `Bearer ${token}` };
    for (const [path, init] of [
      [`/api/v1/cases/${caseId}`, {}],
      ['/api/v1/cases?limit=25', {}],
      ['/api/v1/cases', { method: 'POST', body: registrationBody(agency.id) }],
    ] as const) {
      const probe = await fetch(`${base}${path}`, {
        ...init,
        headers: { ...auth, ...('body' in init ? { 'content-type': 'application/json' } : {}) },
      });
      if (!probe.ok) throw new Error(`${path} answered ${probe.status}: ${await probe.text()}`);
    }

    console.log(
      `case routes: ${CONNECTIONS} connections, ${DURATION} s per route, ${CASES} cases, pool ${POOL}, Node ${process.version}`,
    );
    const line = (label: string, f: Figure) =>
      `  ${label.padEnd(44)} ${f.rps.toFixed(0).padStart(6)} req/s  p50 ${String(f.p50).padStart(4)} ms  (${f.total} requests, ${f.bad} failed)`;
    const compare = async (label: string, product: Opts, bare: Opts, target: string) => {
      const p = await measure(product);
      const a = await measure(bare);
      console.log(`${label}\n${line('Enlace', p)}\n${line('anchor (Fastify + pg, same SQL)', a)}`);
      console.log(`  ratio ${(p.rps / a.rps).toFixed(2)}x the anchor (target ${target})`);
      return p;
    };
    await compare(
      'GET /api/v1/cases/:id as the assigned caseworker',
      { url: `${base}/api/v1/cases/${caseId}`, headers: auth },
      { url: `${anchor.url}/cases/${caseId}` },
      '>= 0.5x',
    );
    await compare(
      'GET /api/v1/cases?limit=25 (25-row page)',
      { url: `${base}/api/v1/cases?limit=25`, headers: auth },
      { url: `${anchor.url}/cases` },
      '>= 0.3x',
    );
    const reg = await compare(
      'POST /api/v1/cases, a new child each, concurrent',
      {
        url: `${base}/api/v1/cases`,
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        requests: [
          { setupRequest: (req: Record<string, any>) => ({ ...req, body: registrationBody(agency.id) }) },
        ],
      },
      { url: `${anchor.url}/cases`, method: 'POST' },
      '>= 300 cases/s',
    );
    console.log(`  registrations: ${reg.rps.toFixed(0)} cases/s (target >= 300)`);
  } finally {
    await anchor?.close();
    await api?.stop();
    await ds.destroy();
    await db.drop();
    await dropQueueKeys(REDIS_URL, queuePrefix);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
