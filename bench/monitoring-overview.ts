/**
 * Monitoring overview latency over a million cases.
 *
 *   npm run build && node dist/bench/monitoring-overview.js [--cases 1000000] [--requests 50] [--keep]
 *
 * Creates its own database from the migrations, bulk-loads cases across the CRM countries,
 * agencies, phases and risk levels (30% closed, with reasons), indicator measurements, and — with
 * the column names the monitoring providers expect — follow-ups (1% overdue), referrals and
 * interviews. Then it boots the real API in-process and times GET /api/v1/monitoring/overview for
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

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const CASES = opt('cases', 1_000_000);
const REQUESTS = opt('requests', 50);
const KEEP = args.includes('--keep');
const ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NOW = '2026-09-01T12:00:00Z';

const dbUrl = (name: string) => {
  const u = new URL(ADMIN);
  u.pathname = `/${name}`;
  return u.toString();
};

async function admin(sql: string): Promise<void> {
  const c = new Client({ connectionString: ADMIN });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

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
    await timed(
      'follow-ups (1 per case, 1% overdue), referrals (30%), interviews (1.5 per case)',
      async () => {
        await q(`CREATE TABLE follow_up (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), case_id uuid NOT NULL,
                 status text NOT NULL, due_at timestamptz NOT NULL, overdue_since timestamptz,
                 escalation_level int NOT NULL DEFAULT 0)`);
        await q(
          `INSERT INTO follow_up (case_id, status, due_at, overdue_since, escalation_level)
               SELECT md5('case' || i)::uuid, CASE WHEN (i / 100) % 100 = 0 THEN 'scheduled' ELSE
                        (ARRAY['scheduled','completed','completed','missed'])[1 + i % 4] END,
                      CASE WHEN (i / 100) % 100 = 0 THEN $2::timestamptz - (1 + i % 120) * interval '1 day'
                           ELSE $2::timestamptz + (i % 30) * interval '1 day' END,
                      CASE WHEN (i / 100) % 100 = 0 THEN $2::timestamptz - (i % 120) * interval '1 day' END,
                      CASE WHEN (i / 100) % 100 = 0 THEN i % 4 ELSE 0 END
                 FROM generate_series(1, $1) i`,
          [CASES, NOW],
        );
        // The follow-ups module's overdue scan works from a partial index like this one.
        await q(`CREATE INDEX follow_up_overdue_idx ON follow_up (due_at, id)
                 WHERE overdue_since IS NOT NULL AND status NOT IN ('completed', 'cancelled', 'missed')`);
        await q(`CREATE TABLE referral (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), case_id uuid NOT NULL,
                 sender_agency_id uuid NOT NULL, recipient_agency_id uuid NOT NULL, status text NOT NULL,
                 dispatched_at timestamptz, accepted_at timestamptz, responded_at timestamptz,
                 response_due_at timestamptz, country_code char(2) NOT NULL)`);
        await q(
          `INSERT INTO referral (case_id, sender_agency_id, recipient_agency_id, status, dispatched_at, accepted_at,
                                     responded_at, response_due_at, country_code)
               SELECT c.id, c.agency_id, c.agency_id, st,
                      $2::timestamptz - ((i * 31) % 700) * interval '1 day',
                      CASE WHEN st IN ('accepted','in_progress','completed') THEN
                        $2::timestamptz - ((i * 31) % 700) * interval '1 day' + ((i % 96) + 1) * interval '1 hour' END,
                      CASE WHEN st IN ('accepted','in_progress','completed','rejected') THEN
                        $2::timestamptz - ((i * 31) % 700) * interval '1 day' + ((i % 96) + 1) * interval '1 hour' END,
                      $2::timestamptz - ((i * 31) % 700) * interval '1 day' + interval '3 days', c.country_code
                 FROM (SELECT i, (ARRAY['dispatched','delivered','accepted','rejected','in_progress','completed',
                              'cancelled'])[1 + i % 7] AS st FROM generate_series(1, $1) i) s
                 JOIN case_file c ON c.id = md5('case' || (i * 3 + 1))::uuid`,
          [Math.round(CASES * 0.3), NOW],
        );
        await q(`CREATE INDEX referral_country_dispatched_idx ON referral (country_code, dispatched_at)`);
        await q(`CREATE TABLE interview (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), case_id uuid NOT NULL,
                 child_id uuid NOT NULL, interviewed_at timestamptz NOT NULL)`);
        await q(
          `INSERT INTO interview (case_id, child_id, interviewed_at)
               SELECT md5('case' || (i % $1 + 1))::uuid, md5('child' || (i % $1 + 1))::uuid,
                      $2::timestamptz - ((i * 37) % 700) * interval '1 day'
                 FROM generate_series(1, ($1 * 3) / 2) i`,
          [CASES, NOW],
        );
        await q(`CREATE INDEX interview_case_idx ON interview (case_id, interviewed_at)`);
      },
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
  const name = `enlace_bench_mon_${Date.now().toString(36)}`;
  const url = dbUrl(name);
  console.log(`Monitoring overview benchmark: ${CASES.toLocaleString('en')} cases, database ${name}`);
  await admin(`CREATE DATABASE ${name}`);
  try {
    await timed('migrations', () => migrate(url, 'run'));
    await load(url);

    Object.assign(process.env, {
      NODE_ENV: 'production',
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
    if (!KEEP) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    else console.log(`kept database ${name}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
