/**
 * Overdue-scan benchmark: does the scan's cost follow the number of overdue items or the size
 * of the follow_up table?
 *
 * 1. Creates its own database (enlace_bench_overdue_<time>) and applies the migrations.
 * 2. Bulk-loads 1,000,000 follow-ups (INSERT ... SELECT generate_series, foreign-key triggers off
 *    during the load): 1% scheduled and overdue by 8-10 days (every escalation level due), 9%
 *    scheduled in the future, 90% already completed, missed or cancelled.
 * 3. Times one full scan through OverdueScanService.scan (the job's code path, in-process), then
 *    a second scan with nothing left to escalate.
 * 4. Resets the overdue items, grows the table to 10,000,000 rows with the SAME overdue items,
 *    and times the scan again. Prints load times, scan times and the ratio.
 *
 *   npm run build && node dist/bench/overdue-scan.js
 *
 * Environment: BENCH_PG_URL (admin connection, default postgres://postgres@127.0.0.1:5432/postgres),
 * REDIS_URL (default redis://127.0.0.1:6379; the app context connects but the scan never uses it),
 * BENCH_SMALL / BENCH_LARGE (row counts), BENCH_LANES / BENCH_BATCH (lanes and batch size of the scan,
 * default the service's), BENCH_KEEP_DB=1 to keep the database afterwards.
 *
 * Targets (issue 14): a full scan at 1,000,000 rows under 2 s; at 10,000,000 rows within 1.3x.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { migrate } from '../src/database/migrate';
import { OverdueScanService, ScanStats } from '../src/escalation/overdue-scan.service';
import type { OverdueKey } from '../src/escalation/overdue-source';
import { OverdueSourceRegistry } from '../src/escalation/overdue-source.registry';
import { PG_ADMIN_URL, REDIS_URL, adminQuery, dropQueueKeys } from './bench-services';

const SMALL = Number(process.env.BENCH_SMALL ?? 1_000_000);
const LARGE = Number(process.env.BENCH_LARGE ?? 10_000_000);
const OVERDUE = Math.round(SMALL / 100);
const CASES = 20_000;
const CHUNK = 1_000_000;
const AS_OF = new Date('2026-11-28T12:00:00Z');
const LANES = process.env.BENCH_LANES ? Number(process.env.BENCH_LANES) : undefined;
const BATCH = process.env.BENCH_BATCH ? Number(process.env.BENCH_BATCH) : undefined;
const TARGET_MS = 2000;
const TARGET_RATIO = 1.3;
const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
const target = (ms: number) => `target < ${fmt(TARGET_MS)}: ${ms < TARGET_MS ? 'met' : 'NOT met'}`;

const dbUrl = (name: string) => {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
};

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = process.hrtime.bigint();
  const v = await fn();
  return [v, Number(process.hrtime.bigint() - t0) / 1e6];
}

const fmt = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);

/** Agencies, users, children and cases in GT and HN; returns nothing, everything is in SQL. */
async function seedDirectory(ds: DataSource): Promise<void> {
  await ds.query(`
    INSERT INTO agency (country_code, name, type, version)
    SELECT (ARRAY['GT','HN'])[1 + g % 2], 'Agencia ' || g,
           CASE WHEN g <= 2 THEN 'national_lead_unit' ELSE 'reception_center' END, 1
      FROM generate_series(1, 40) g`);
  // Per agency: 5 caseworkers and 2 supervisors; 3 lead-unit officers in each lead unit.
  await ds.query(`
    INSERT INTO app_user (agency_id, role, email, full_name, password_hash, version)
    SELECT a.id, r.role, r.role || '.' || a.id || '.' || r.n || '@bench.example', 'Bench user', 'x', 1
      FROM agency a
      CROSS JOIN LATERAL (
        SELECT 'lead_unit_officer' AS role, n FROM generate_series(1, 3) n WHERE a.type = 'national_lead_unit'
        UNION ALL SELECT 'caseworker', n FROM generate_series(1, 5) n WHERE a.type <> 'national_lead_unit'
        UNION ALL SELECT 'supervisor', n FROM generate_series(1, 2) n WHERE a.type <> 'national_lead_unit') r`);
  await ds.query(`
    CREATE TABLE bench_case AS
    SELECT g AS n, gen_random_uuid() AS id, gen_random_uuid() AS child_id, a.id AS agency_id,
           a.country_code, u.id AS user_id
      FROM generate_series(0, ${CASES - 1}) g
      JOIN LATERAL (SELECT id, country_code FROM agency WHERE type = 'reception_center'
                     ORDER BY id OFFSET g % 38 LIMIT 1) a ON true
      JOIN LATERAL (SELECT id FROM app_user WHERE agency_id = a.id AND role = 'caseworker'
                     ORDER BY id OFFSET g % 5 LIMIT 1) u ON true`);
  await ds.query(`ALTER TABLE bench_case ADD PRIMARY KEY (n)`);
  await ds.query(`
    INSERT INTO child (id, first_names, last_names, sex, nationality, search_name, version)
    SELECT child_id, 'Bench', 'Child', 'female', country_code, 'bench child', 1 FROM bench_case`);
  await ds.query(
    `
    INSERT INTO case_file (id, case_number, country_code, agency_id, assigned_user_id, child_id, phase, status,
                           risk_level, returned_at, opened_at, legal_basis, version)
    SELECT id, country_code || '-B-' || n, country_code, agency_id, user_id, child_id, 'follow_up', 'open',
           (ARRAY['high','medium','low'])[1 + n % 3], $1::timestamptz - interval '200 days',
           $1::timestamptz - interval '200 days', 'legal_obligation', 1
      FROM bench_case`,
    [AS_OF],
  );
}

/**
 * Inserts rows [from, to) of the synthetic follow-up population. Row g is overdue when
 * g < OVERDUE; otherwise 9 in 10 are resolved in the past and 1 in 10 is scheduled in the future.
 */
async function loadFollowUps(ds: DataSource, from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += CHUNK) {
    const end = Math.min(start + CHUNK, to);
    await ds.transaction(async (m) => {
      // Bulk load only: the rows reference seeded cases, agencies and users by construction.
      // With triggers off, the case's country and agency (normally copied by a trigger) are given.
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(
        `INSERT INTO follow_up (case_id, type, kind, due_at, explain, responsible_user_id, responsible_agency_id,
                                status, resolved_at, contact_made, attempts, version, country_code, agency_id)
         SELECT c.id, 'home_visit', 'interval', d.due_at, 'bench', c.user_id, c.agency_id, d.status,
                CASE WHEN d.status = 'scheduled' THEN NULL ELSE d.due_at END,
                CASE WHEN d.status = 'completed' THEN true END,
                CASE WHEN d.status = 'scheduled' THEN 0 ELSE 1 END, 1, c.country_code, c.agency_id
           FROM generate_series($2::int, $3::int - 1) g
           JOIN bench_case c ON c.n = g % ${CASES}
           CROSS JOIN LATERAL (SELECT
             CASE WHEN g < ${OVERDUE} THEN $1::timestamptz - interval '8 days' - (g % 1000) * interval '172 seconds'
                  WHEN g % 10 = 0 THEN $1::timestamptz + (1 + g % 60) * interval '1 day'
                  ELSE $1::timestamptz - (1 + g % 700) * interval '1 day' END AS due_at,
             CASE WHEN g < ${OVERDUE} OR g % 10 = 0 THEN 'scheduled'
                  WHEN g % 10 = 1 THEN 'missed' WHEN g % 10 = 2 THEN 'cancelled'
                  ELSE 'completed' END AS status) d`,
        [AS_OF, start, end],
      );
    });
    process.stdout.write(`  loaded ${end.toLocaleString('en')} rows\r`);
  }
  process.stdout.write('\n');
}

async function resetOverdue(ds: DataSource): Promise<void> {
  await ds.query(`TRUNCATE escalation, notification`);
  await ds.query(
    `UPDATE follow_up SET escalation_level = 0, overdue_since = NULL WHERE escalation_level > 0 OR overdue_since IS NOT NULL`,
  );
}

/**
 * A full scan (every overdue item fires all three levels), a scan with nothing left to do, then
 * the same full scan again after resetting the items (warm caches).
 */
async function measure(
  ds: DataSource,
  scanner: OverdueScanService,
  registry: OverdueSourceRegistry,
  rows: number,
) {
  const label = rows.toLocaleString('en');
  const [read, walk] = await timed(() => readOverdue(ds, registry));
  console.log(`find the ${read} overdue items at ${label} rows (keyset batches, no writes): ${fmt(walk)}`);
  const [stats, first] = await timed(() => scanner.scan(AS_OF, { lanes: LANES, batchSize: BATCH }));
  console.log(`scan at ${label} rows: ${fmt(first)}, ${target(first)} (${summary(stats)}; ${load()})`);
  const [, idle] = await timed(() => scanner.scan(AS_OF, { lanes: LANES, batchSize: BATCH }));
  console.log(`  repeat scan, nothing left to escalate: ${fmt(idle)}`);
  await resetOverdue(ds);
  await ds.query('VACUUM ANALYZE follow_up, escalation, notification');
  const [, second] = await timed(() => scanner.scan(AS_OF, { lanes: LANES, batchSize: BATCH }));
  console.log(
    `  second full scan after resetting the overdue items: ${fmt(second)}, ${target(second)} (${load()})`,
  );
  return { walk, first, idle, second };
}

/** Only the reading half of a scan: every source's keyset batches, each batch rolled back. */
async function readOverdue(ds: DataSource, registry: OverdueSourceRegistry): Promise<number> {
  let n = 0;
  for (const source of registry.all()) {
    let after: OverdueKey | null = null;
    for (;;) {
      const runner = ds.createQueryRunner();
      await runner.startTransaction();
      try {
        const batch = await source.findOverdue(runner.manager, AS_OF, after, 500);
        n += batch.length;
        if (batch.length < 500) break;
        after = { dueAt: batch[batch.length - 1].dueAt, id: batch[batch.length - 1].id };
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    }
  }
  return n;
}

const summary = (s: ScanStats[]) =>
  s
    .map(
      (x) =>
        `${x.source}: ${x.scanned} read, fired ${JSON.stringify(x.fired)}, ${x.notifications} notifications`,
    )
    .join('; ');

async function main(): Promise<void> {
  const name = `enlace_bench_overdue_${Date.now().toString(36)}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = dbUrl(name);
  console.log(`database ${name}, lanes ${LANES ?? 'default'}, batch ${BATCH ?? 'default'}, ${load()}`);
  await migrate(url, 'run');
  Object.assign(process.env, {
    NODE_ENV: 'development',
    DATABASE_URL: url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    JWT_SECRET: process.env.JWT_SECRET ?? 'bench-secret-bench-secret-bench-secret-0123',
    CONFIG_DIR: process.env.CONFIG_DIR ?? join(__dirname, '..', '..', 'config'),
    LOG_LEVEL: 'warn',
    QUEUE_PREFIX: `enlace-bench-${Date.now().toString(36)}`,
  });
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error'] });
  const ds = app.get(DataSource);
  const scanner = app.get(OverdueScanService);
  const registry = app.get(OverdueSourceRegistry);
  try {
    await seedDirectory(ds);
    const [, loadSmall] = await timed(() => loadFollowUps(ds, 0, SMALL));
    await ds.query('VACUUM ANALYZE follow_up');
    console.log(`load ${SMALL.toLocaleString('en')} follow-ups: ${fmt(loadSmall)}`);

    const small = await measure(ds, scanner, registry, SMALL);

    await resetOverdue(ds);
    const [, loadLarge] = await timed(() => loadFollowUps(ds, SMALL, LARGE));
    await ds.query('VACUUM ANALYZE follow_up');
    console.log(`grow to ${LARGE.toLocaleString('en')} follow-ups: ${fmt(loadLarge)}`);
    const [{ overdue }] = await ds.query(
      `SELECT count(*)::int AS overdue FROM follow_up WHERE status = 'scheduled' AND due_at < $1`,
      [AS_OF],
    );
    console.log(`  overdue items: ${overdue}`);
    const large = await measure(ds, scanner, registry, LARGE);

    const r = (a: number, b: number) =>
      `${(b / a).toFixed(2)}x, target < ${TARGET_RATIO}x: ${b / a < TARGET_RATIO ? 'met' : 'NOT met'}`;
    console.log(`\n${LARGE / SMALL}x the rows, the same ${OVERDUE.toLocaleString('en')} overdue items:`);
    console.log(
      `  find overdue      ${fmt(small.walk)} -> ${fmt(large.walk)}  (${r(small.walk, large.walk)})`,
    );
    console.log(
      `  first full scan   ${fmt(small.first)} -> ${fmt(large.first)}  (${r(small.first, large.first)})`,
    );
    console.log(
      `  second full scan  ${fmt(small.second)} -> ${fmt(large.second)}  (${r(small.second, large.second)})`,
    );
    console.log(
      `  idle scan         ${fmt(small.idle)} -> ${fmt(large.idle)}  (${r(small.idle, large.idle)})`,
    );
  } finally {
    await app.close();
    if (!process.env.BENCH_KEEP_DB) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropQueueKeys(REDIS_URL, process.env.QUEUE_PREFIX!);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
