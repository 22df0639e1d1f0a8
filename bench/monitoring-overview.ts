/**
 * Monitoring overview latency over a million cases.
 *
 *   npm run build && node dist/bench/monitoring-overview.js [--cases 1000000] [--requests 50] [--keep]
 *   node dist/bench/monitoring-overview.js --db <kept database> [--cases N as loaded]
 *
 * `--db` reuses a database kept by an earlier run (`--keep`): pending migrations are applied and
 * the database is analysed, nothing is loaded, and it is kept. It times a schema change on the
 * same data without reloading a million cases.
 *
 * Creates its own database from the migrations, bulk-loads cases across the CRM countries,
 * agencies, phases and risk levels (30% closed, with reasons), indicator measurements, users (3
 * per agency), and rows in the follow-ups, referrals and interview tables as those modules write
 * them: follow-ups (1 per case, 1% overdue), referrals (30% of cases) and interviews (1.5 per case). Then it boots the real API in-process and times GET /api/v1/monitoring/overview for
 * a Guatemalan lead-unit officer (the largest country), a supervisor and the regional analyst.
 * Needs PostgreSQL (BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres) and Redis
 * (REDIS_URL, default redis://127.0.0.1:6379).
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { Client } from 'pg';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AccessTokenService } from '../src/auth/access-token.service';
import { migrate } from '../src/database/migrate';
import { createHttpApp } from '../src/http-app';
import { PG_ADMIN_URL, REDIS_URL, adminQuery, dropQueueKeys } from './bench-services';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const CASES = opt('cases', 1_000_000);
const REQUESTS = opt('requests', 50);
const REUSE = args.includes('--db') ? args[args.indexOf('--db') + 1] : null;
const KEEP = args.includes('--keep') || !!REUSE;
const NOW = '2026-09-01T12:00:00Z';

const dbUrl = (name: string) => {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
};

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const out = await fn();
  console.log(`  ${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return out;
}

/** Bulk load with set-based SQL; identifiers are derived from the row number so rows link up. */
async function load(url: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const q = (sql: string, params: unknown[] = []) => c.query(sql, params);
  try {
    await q(`SET synchronous_commit = off`);
    // Agency ids must be valid version-4 UUIDs (the API validates them); derived from a hash so rows link up.
    await q(`CREATE FUNCTION pg_temp.v4(text) RETURNS uuid LANGUAGE sql IMMUTABLE AS
               $$ SELECT (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18))::uuid FROM md5($1) h $$`);
    await timed('agencies (10 per CRM country)', () =>
      q(`INSERT INTO agency (id, country_code, name, type, version)
         SELECT pg_temp.v4('agency' || cc || k), cc, 'Agencia ' || cc || ' ' || k, 'reception_center', 1
           FROM unnest(ARRAY['BZ','CA','CR','DO','SV','GT','HN','MX','NI','PA','US']) cc, generate_series(0, 9) k`),
    );
    // Country by i % 100: GT 25%, HN 20%, MX 20%, SV 15%, the other seven 20%.
    const country = `(CASE WHEN i % 100 < 25 THEN 'GT' WHEN i % 100 < 45 THEN 'HN' WHEN i % 100 < 65 THEN 'MX'
      WHEN i % 100 < 80 THEN 'SV' ELSE (ARRAY['BZ','CA','CR','DO','NI','PA','US'])[1 + i % 7] END)`;
    await timed(`children (${CASES.toLocaleString('en')})`, () =>
      q(
        `INSERT INTO child (id, first_names, last_names, date_of_birth, sex, nationality, search_name, version)
         SELECT md5('child' || i)::uuid, 'N' || i, 'A' || i, DATE '2008-01-01' + (i % 3650),
                (ARRAY['female','male'])[1 + i % 2], 'GT', 'n' || i, 1
           FROM generate_series(1, $1) i`,
        [CASES],
      ),
    );
    await timed(`cases (${CASES.toLocaleString('en')}, 30% closed)`, () =>
      q(
        `INSERT INTO case_file (id, case_number, country_code, agency_id, child_id, phase, status, risk_level,
                                returned_at, opened_at, closed_at, closure_reason, legal_basis, version)
         SELECT md5('case' || i)::uuid, cc || '-' || i, cc, pg_temp.v4('agency' || cc || ((i / 100) % 10)),
                md5('child' || i)::uuid,
                CASE WHEN i % 10 < 3 THEN 'closed'
                     ELSE (ARRAY['registration','assessment','case_plan','implementation','follow_up'])[1 + (i * 7) % 5] END,
                CASE WHEN i % 10 < 3 THEN 'closed' ELSE 'open' END,
                (ARRAY['high','medium','low'])[1 + (i * 11) % 3],
                $2::timestamptz - ((i * 17) % 1000) * interval '1 day',
                $2::timestamptz - ((i * 17) % 1000) * interval '1 day',
                CASE WHEN i % 10 < 3 THEN $2::timestamptz - ((i * 13) % 730) * interval '1 day' END,
                CASE WHEN i % 10 < 3 THEN (ARRAY['goals_met','declined','turned_18','transferred','lost_contact',
                  're_migrated','death'])[1 + (i * 3) % 7] END,
                'consent', 1
           FROM (SELECT i, ${country} AS cc FROM generate_series(1, $1) i) s`,
        [CASES, NOW],
      ),
    );
    const measurements = Math.round(CASES * 0.3);
    await timed(`indicator measurements (${measurements.toLocaleString('en')}) and scores`, async () => {
      await q(
        `INSERT INTO indicator_measurement (id, case_id, country_code, agency_id, measured_at, checkpoint,
                                                   answers, dimension_scores, overall_score, recorded_by)
               SELECT md5('m' || i)::uuid, c.id, c.country_code, c.agency_id,
                      $2::timestamptz - ((i * 29) % 700) * interval '1 day', '3mo', '{}'::jsonb,
                      jsonb_build_object('economic_education', (i * 7) % 101, 'social', (i * 11) % 101,
                                         'psychosocial', (i * 13) % 101),
                      ((i * 7) % 101 + (i * 11) % 101 + (i * 13) % 101) / 3.0, c.id
                 FROM generate_series(1, $1) i JOIN case_file c ON c.id = md5('case' || (i * 3))::uuid`,
        [measurements, NOW],
      );
      await q(`INSERT INTO indicator_score (measurement_id, case_id, country_code, agency_id, dimension, score, measured_at)
               SELECT m.id, m.case_id, m.country_code, m.agency_id, d.key,
                      CASE WHEN d.key = 'overall' THEN m.overall_score ELSE (d.value)::real END, m.measured_at
                 FROM indicator_measurement m,
                      LATERAL jsonb_each_text(m.dimension_scores || jsonb_build_object('overall', m.overall_score)) d`);
    });
    await timed('users (3 caseworkers per agency)', () =>
      q(`INSERT INTO app_user (id, agency_id, role, email, full_name, password_hash, version)
         SELECT pg_temp.v4('user' || a.id || k), a.id, 'caseworker', 'cw' || k || '.' || a.id || '@example.org',
                'Caseworker ' || k, 'x', 1
           FROM agency a, generate_series(0, 2) k`),
    );
    // Into the real tables, every NOT NULL column filled as the owning modules write it.
    // Follow-ups: 1% past due and still scheduled (flagged by the scan at levels 0-3), the rest
    // completed, missed or due in the coming month.
    await timed(`follow-ups (${CASES.toLocaleString('en')}, 1% overdue)`, () =>
      q(
        `INSERT INTO follow_up (case_id, type, kind, due_at, explain, responsible_user_id, responsible_agency_id,
                                status, resolved_at, overdue_since, escalation_level, version)
         SELECT c.id, 'home_visit', 'interval', due, 'bench', pg_temp.v4('user' || c.agency_id || (i % 3)),
                c.agency_id, st, CASE WHEN st <> 'scheduled' THEN due END,
                CASE WHEN od AND i % 4 > 0 THEN due + interval '1 day' END, CASE WHEN od THEN i % 4 ELSE 0 END, 1
           FROM (SELECT i, od,
                        CASE WHEN od THEN 'scheduled'
                             ELSE (ARRAY['scheduled','completed','completed','missed'])[1 + i % 4] END AS st,
                        CASE WHEN od THEN $2::timestamptz - (1 + i % 120) * interval '1 day'
                             WHEN i % 4 = 0 THEN $2::timestamptz + (1 + i % 30) * interval '1 day'
                             ELSE $2::timestamptz - (1 + i % 300) * interval '1 day' END AS due
                   FROM (SELECT i, (i / 100) % 100 = 0 AS od FROM generate_series(1, $1) i) g) s
           JOIN case_file c ON c.id = md5('case' || i)::uuid`,
        [CASES, NOW],
      ),
    );
    // Referrals: 30% of cases, every status after dispatch; unanswered ones are partly past due.
    const referrals = Math.round(CASES * 0.3);
    await timed(`referrals (${referrals.toLocaleString('en')})`, () =>
      q(
        `INSERT INTO referral (case_id, sender_agency_id, sender_user_id, sender_country, recipient_agency_id,
                               recipient_country, external, service_type, purpose, urgency, reason, status,
                               dispatched_at, delivered_at, responded_at, completed_at, response_due_at,
                               response_due_explain, version)
         SELECT c.id, c.agency_id, pg_temp.v4('user' || c.agency_id || (i % 3)), c.country_code,
                pg_temp.v4('agency' || c.country_code || ((i + 1) % 10)), c.country_code, false, 'health_care',
                'health_care', 'routine', 'bench', st, sent,
                CASE WHEN st <> 'dispatched' AND st <> 'delivery_failed' THEN sent + interval '10 minutes' END,
                CASE WHEN st IN ('accepted','in_progress','completed','rejected') THEN
                  sent + ((i % 96) + 1) * interval '1 hour' END,
                CASE WHEN st = 'completed' THEN sent + interval '20 days' END,
                sent + interval '3 days', 'bench', 1
           FROM (SELECT i, $2::timestamptz - ((i * 31) % 700) * interval '1 day' AS sent,
                        (ARRAY['dispatched','delivered','accepted','rejected','in_progress','completed',
                               'cancelled','delivery_failed'])[1 + i % 8] AS st
                   FROM generate_series(1, $1) i) s
           JOIN case_file c ON c.id = md5('case' || (i * 3 + 1))::uuid`,
        [referrals, NOW],
      ),
    );
    const interviews = Math.round(CASES * 1.5);
    await timed(`interviews (${interviews.toLocaleString('en')}, 1.5 per case)`, () =>
      q(
        `INSERT INTO interview (case_id, child_id, interviewer_id, conducted_at, purpose, topics)
         SELECT c.id, c.child_id, pg_temp.v4('user' || c.agency_id || (i % 3)),
                $2::timestamptz - ((i * 37) % 700) * interval '1 day', 'assessment', '{family_situation}'
           FROM generate_series(1, $1) i JOIN case_file c ON c.id = md5('case' || (i % $3 + 1))::uuid`,
        [interviews, NOW, CASES],
      ),
    );
    await timed('VACUUM ANALYZE', () => q('VACUUM ANALYZE'));
  } finally {
    await c.end();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(app: NestFastifyApplication, token: string, url: string, label: string) {
  const run = async () => {
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return performance.now() - t0;
  };
  for (let i = 0; i < 3; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) times.push(await run());
  times.sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(46)} p50 ${percentile(times, 50).toFixed(0).padStart(5)} ms   p95 ${percentile(
      times,
      95,
    )
      .toFixed(0)
      .padStart(5)} ms   max ${times[times.length - 1].toFixed(0).padStart(5)} ms`,
  );
}

async function main(): Promise<void> {
  const name = REUSE ?? `enlace_bench_mon_${Date.now().toString(36)}`;
  if (!/^enlace_bench_mon_[a-z0-9]+$/.test(name)) throw new Error(`not a benchmark database: ${name}`);
  const url = dbUrl(name);
  console.log(`Monitoring overview benchmark: ${CASES.toLocaleString('en')} cases, database ${name}`);
  if (!REUSE) await adminQuery(`CREATE DATABASE ${name}`);
  try {
    await timed('migrations', () => migrate(url, 'run'));
    if (!REUSE) await load(url);
    else await timed('VACUUM ANALYZE', () => adminQuery('VACUUM ANALYZE', url));

    Object.assign(process.env, {
      NODE_ENV: 'development',
      DATABASE_URL: url,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      QUEUE_PREFIX: `bench-${name}`,
      CONFIG_DIR: process.env.CONFIG_DIR ?? join(__dirname, '..', '..', 'config'),
      CLOCK_FIXED_AT: NOW,
      LOG_LEVEL: 'error',
    });
    Logger.overrideLogger(false);
    const app = await createHttpApp(undefined, { logger: false });
    await app.getHttpAdapter().getInstance().ready();
    const tokens = app.get(AccessTokenService);
    const gtAgency = (
      await app.get(DataSource).query(`SELECT id FROM agency WHERE country_code = 'GT' ORDER BY id LIMIT 1`)
    )[0].id as string;
    const actor = (role: string, countryCode = 'GT', agencyId = gtAgency) =>
      tokens.sign({
        userId: '00000000-0000-4000-8000-000000000001',
        role: role as never,
        agencyId,
        countryCode,
        language: 'es',
      });

    const gtCases = Math.round(CASES * 0.25);
    console.log(
      `\nGET /api/v1/monitoring/overview, ${REQUESTS} requests each after 3 warm-ups (in-process, real app):`,
    );
    await measure(
      app,
      actor('lead_unit_officer'),
      '/api/v1/monitoring/overview',
      `lead unit GT (${gtCases.toLocaleString('en')} cases)`,
    );
    await measure(
      app,
      actor('lead_unit_officer'),
      `/api/v1/monitoring/overview?agencyId=${gtAgency}`,
      'lead unit GT, one agency',
    );
    await measure(app, actor('supervisor'), '/api/v1/monitoring/overview', 'supervisor (own agency)');
    await measure(
      app,
      actor('regional_analyst', 'SV'),
      '/api/v1/monitoring/regional/overview',
      `regional analyst (all ${CASES.toLocaleString('en')} cases)`,
    );
    console.log('\nPer metric, lead unit GT:');
    for (const m of [
      'open-cases',
      'overdue-follow-ups',
      'referrals',
      'closures',
      'interviews',
      'indicator-scores',
    ])
      await measure(app, actor('lead_unit_officer'), `/api/v1/monitoring/${m}`, m);
    await app.close();
  } finally {
    if (!KEEP) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    else console.log(`kept database ${name}`);
    await dropQueueKeys(REDIS_URL, `bench-${name}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
