import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The monitoring rollups' counters are spread over 16 slots per key (the writing backend's slot):
 * with one row per key, every registration or phase change in one agency, phase, risk level and
 * month upserted the same row and held its lock to commit, so concurrent registrations queued on
 * it. Readers already sum `n` over a key's rows, so they read the slots unchanged.
 */
export class RollupSlots1795011700000 implements MigrationInterface {
  name = 'RollupSlots1795011700000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE FUNCTION rollup_slot() RETURNS smallint LANGUAGE sql STABLE AS $$ SELECT (pg_backend_pid() % 16)::smallint $$`,
    );
    await q.query(`ALTER TABLE "monitoring_open_case_count" ADD "slot" smallint NOT NULL DEFAULT 0`);
    await q.query(
      `ALTER TABLE "monitoring_open_case_count" DROP CONSTRAINT "PK_88d99d765568fda94ec0aa40889"`,
    );
    await q.query(
      `ALTER TABLE "monitoring_open_case_count" ADD CONSTRAINT "PK_c96c0a18122d85c63cf64e94e6e" PRIMARY KEY ("country_code", "agency_id", "phase", "risk_level", "opened_month", "slot")`,
    );
    await q.query(`ALTER TABLE "monitoring_closure_count" ADD "slot" smallint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "monitoring_closure_count" DROP CONSTRAINT "PK_3e43124f58e282dd57e268c16fa"`);
    await q.query(
      `ALTER TABLE "monitoring_closure_count" ADD CONSTRAINT "PK_9c2bed6c3aad0e546a370a7b94f" PRIMARY KEY ("country_code", "agency_id", "closure_reason", "closed_month", "slot")`,
    );
    await q.query(`
            CREATE OR REPLACE FUNCTION monitoring_case_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'INSERT' THEN
                INSERT INTO monitoring_open_case_count AS t (country_code, agency_id, phase, risk_level, opened_month, slot, n)
                SELECT country_code, agency_id, phase, risk_level, date_trunc('month', opened_at AT TIME ZONE 'UTC')::date, rollup_slot(), count(*)
                  FROM new_rows WHERE status = 'open'
                 GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
                ON CONFLICT (country_code, agency_id, phase, risk_level, opened_month, slot) DO UPDATE SET n = t.n + EXCLUDED.n;
                INSERT INTO monitoring_closure_count AS t (country_code, agency_id, closure_reason, closed_month, slot, n)
                SELECT country_code, agency_id, coalesce(closure_reason, 'unknown'),
                       date_trunc('month', closed_at AT TIME ZONE 'UTC')::date, rollup_slot(), count(*)
                  FROM new_rows WHERE closed_at IS NOT NULL
                 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                ON CONFLICT (country_code, agency_id, closure_reason, closed_month, slot) DO UPDATE SET n = t.n + EXCLUDED.n;
              ELSIF TG_OP = 'DELETE' THEN
                INSERT INTO monitoring_open_case_count AS t (country_code, agency_id, phase, risk_level, opened_month, slot, n)
                SELECT country_code, agency_id, phase, risk_level, date_trunc('month', opened_at AT TIME ZONE 'UTC')::date, rollup_slot(), -count(*)
                  FROM old_rows WHERE status = 'open'
                 GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
                ON CONFLICT (country_code, agency_id, phase, risk_level, opened_month, slot) DO UPDATE SET n = t.n + EXCLUDED.n;
                INSERT INTO monitoring_closure_count AS t (country_code, agency_id, closure_reason, closed_month, slot, n)
                SELECT country_code, agency_id, coalesce(closure_reason, 'unknown'),
                       date_trunc('month', closed_at AT TIME ZONE 'UTC')::date, rollup_slot(), -count(*)
                  FROM old_rows WHERE closed_at IS NOT NULL
                 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                ON CONFLICT (country_code, agency_id, closure_reason, closed_month, slot) DO UPDATE SET n = t.n + EXCLUDED.n;
              ELSE -- UPDATE: only rows whose counted columns changed
                INSERT INTO monitoring_open_case_count AS t (country_code, agency_id, phase, risk_level, opened_month, slot, n)
                SELECT country_code, agency_id, phase, risk_level, date_trunc('month', opened_at AT TIME ZONE 'UTC')::date, rollup_slot(), -count(*)
                  FROM old_rows WHERE status = 'open' AND id IN (SELECT o2.id FROM old_rows o2 JOIN new_rows n2 USING (id) WHERE (o2.country_code, o2.agency_id, o2.status, o2.phase, o2.risk_level, o2.opened_at, o2.closed_at, o2.closure_reason) IS DISTINCT FROM (n2.country_code, n2.agency_id, n2.status, n2.phase, n2.risk_level, n2.opened_at, n2.closed_at, n2.closure_reason))
                 GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
                ON CONFLICT (country_code, agency_id, phase, risk_level, opened_month, slot) DO UPDATE SET n = t.n + EXCLUDED.n;
                INSERT INTO monitoring_closure_count AS t (country_code, agency_id, closure_reason, closed_month, slot, n)
                SELECT country_code, agency_id, coalesce(closure_reason, 'unknown'),
                       date_trunc('month', closed_at AT TIME ZONE 'UTC')::date, rollup_slot(), -count(*)
                  FROM old_rows WHERE closed_at IS NOT NULL AND id IN (SELECT o2.id FROM old_rows o2 JOIN new_rows n2 USING (id) WHERE (o2.country_code, o2.agency_id, o2.status, o2.phase, o2.risk_level, o2.opened_at, o2.closed_at, o2.closure_reason) IS DISTINCT FROM (n2.country_code, n2.agency_id, n2.status, n2.phase, n2.risk_level, n2.opened_at, n2.closed_at, n2.closure_reason))
                 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                ON CONFLICT (country_code, agency_id, closure_reason, closed_month, slot) DO UPDATE SET n = t.n + EXCLUDED.n;
                INSERT INTO monitoring_open_case_count AS t (country_code, agency_id, phase, risk_level, opened_month, slot, n)
                SELECT country_code, agency_id, phase, risk_level, date_trunc('month', opened_at AT TIME ZONE 'UTC')::date, rollup_slot(), count(*)
                  FROM new_rows WHERE status = 'open' AND id IN (SELECT o2.id FROM old_rows o2 JOIN new_rows n2 USING (id) WHERE (o2.country_code, o2.agency_id, o2.status, o2.phase, o2.risk_level, o2.opened_at, o2.closed_at, o2.closure_reason) IS DISTINCT FROM (n2.country_code, n2.agency_id, n2.status, n2.phase, n2.risk_level, n2.opened_at, n2.closed_at, n2.closure_reason))
                 GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
                ON CONFLICT (country_code, agency_id, phase, risk_level, opened_month, slot) DO UPDATE SET n = t.n + EXCLUDED.n;
                INSERT INTO monitoring_closure_count AS t (country_code, agency_id, closure_reason, closed_month, slot, n)
                SELECT country_code, agency_id, coalesce(closure_reason, 'unknown'),
                       date_trunc('month', closed_at AT TIME ZONE 'UTC')::date, rollup_slot(), count(*)
                  FROM new_rows WHERE closed_at IS NOT NULL AND id IN (SELECT o2.id FROM old_rows o2 JOIN new_rows n2 USING (id) WHERE (o2.country_code, o2.agency_id, o2.status, o2.phase, o2.risk_level, o2.opened_at, o2.closed_at, o2.closure_reason) IS DISTINCT FROM (n2.country_code, n2.agency_id, n2.status, n2.phase, n2.risk_level, n2.opened_at, n2.closed_at, n2.closure_reason))
                 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                ON CONFLICT (country_code, agency_id, closure_reason, closed_month, slot) DO UPDATE SET n = t.n + EXCLUDED.n;
              END IF;
              RETURN NULL;
            END $$
        `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
            CREATE OR REPLACE FUNCTION monitoring_case_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'INSERT' THEN
                INSERT INTO monitoring_open_case_count AS t (country_code, agency_id, phase, risk_level, opened_month, n)
                SELECT country_code, agency_id, phase, risk_level, date_trunc('month', opened_at AT TIME ZONE 'UTC')::date, count(*)
                  FROM new_rows WHERE status = 'open'
                 GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
                ON CONFLICT (country_code, agency_id, phase, risk_level, opened_month) DO UPDATE SET n = t.n + EXCLUDED.n;
                INSERT INTO monitoring_closure_count AS t (country_code, agency_id, closure_reason, closed_month, n)
                SELECT country_code, agency_id, coalesce(closure_reason, 'unknown'),
                       date_trunc('month', closed_at AT TIME ZONE 'UTC')::date, count(*)
                  FROM new_rows WHERE closed_at IS NOT NULL
                 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                ON CONFLICT (country_code, agency_id, closure_reason, closed_month) DO UPDATE SET n = t.n + EXCLUDED.n;
              ELSIF TG_OP = 'DELETE' THEN
                INSERT INTO monitoring_open_case_count AS t (country_code, agency_id, phase, risk_level, opened_month, n)
                SELECT country_code, agency_id, phase, risk_level, date_trunc('month', opened_at AT TIME ZONE 'UTC')::date, -count(*)
                  FROM old_rows WHERE status = 'open'
                 GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
                ON CONFLICT (country_code, agency_id, phase, risk_level, opened_month) DO UPDATE SET n = t.n + EXCLUDED.n;
                INSERT INTO monitoring_closure_count AS t (country_code, agency_id, closure_reason, closed_month, n)
                SELECT country_code, agency_id, coalesce(closure_reason, 'unknown'),
                       date_trunc('month', closed_at AT TIME ZONE 'UTC')::date, -count(*)
                  FROM old_rows WHERE closed_at IS NOT NULL
                 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                ON CONFLICT (country_code, agency_id, closure_reason, closed_month) DO UPDATE SET n = t.n + EXCLUDED.n;
              ELSE -- UPDATE: only rows whose counted columns changed
                INSERT INTO monitoring_open_case_count AS t (country_code, agency_id, phase, risk_level, opened_month, n)
                SELECT country_code, agency_id, phase, risk_level, date_trunc('month', opened_at AT TIME ZONE 'UTC')::date, -count(*)
                  FROM old_rows WHERE status = 'open' AND id IN (SELECT o2.id FROM old_rows o2 JOIN new_rows n2 USING (id) WHERE (o2.country_code, o2.agency_id, o2.status, o2.phase, o2.risk_level, o2.opened_at, o2.closed_at, o2.closure_reason) IS DISTINCT FROM (n2.country_code, n2.agency_id, n2.status, n2.phase, n2.risk_level, n2.opened_at, n2.closed_at, n2.closure_reason))
                 GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
                ON CONFLICT (country_code, agency_id, phase, risk_level, opened_month) DO UPDATE SET n = t.n + EXCLUDED.n;
                INSERT INTO monitoring_closure_count AS t (country_code, agency_id, closure_reason, closed_month, n)
                SELECT country_code, agency_id, coalesce(closure_reason, 'unknown'),
                       date_trunc('month', closed_at AT TIME ZONE 'UTC')::date, -count(*)
                  FROM old_rows WHERE closed_at IS NOT NULL AND id IN (SELECT o2.id FROM old_rows o2 JOIN new_rows n2 USING (id) WHERE (o2.country_code, o2.agency_id, o2.status, o2.phase, o2.risk_level, o2.opened_at, o2.closed_at, o2.closure_reason) IS DISTINCT FROM (n2.country_code, n2.agency_id, n2.status, n2.phase, n2.risk_level, n2.opened_at, n2.closed_at, n2.closure_reason))
                 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                ON CONFLICT (country_code, agency_id, closure_reason, closed_month) DO UPDATE SET n = t.n + EXCLUDED.n;
                INSERT INTO monitoring_open_case_count AS t (country_code, agency_id, phase, risk_level, opened_month, n)
                SELECT country_code, agency_id, phase, risk_level, date_trunc('month', opened_at AT TIME ZONE 'UTC')::date, count(*)
                  FROM new_rows WHERE status = 'open' AND id IN (SELECT o2.id FROM old_rows o2 JOIN new_rows n2 USING (id) WHERE (o2.country_code, o2.agency_id, o2.status, o2.phase, o2.risk_level, o2.opened_at, o2.closed_at, o2.closure_reason) IS DISTINCT FROM (n2.country_code, n2.agency_id, n2.status, n2.phase, n2.risk_level, n2.opened_at, n2.closed_at, n2.closure_reason))
                 GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
                ON CONFLICT (country_code, agency_id, phase, risk_level, opened_month) DO UPDATE SET n = t.n + EXCLUDED.n;
                INSERT INTO monitoring_closure_count AS t (country_code, agency_id, closure_reason, closed_month, n)
                SELECT country_code, agency_id, coalesce(closure_reason, 'unknown'),
                       date_trunc('month', closed_at AT TIME ZONE 'UTC')::date, count(*)
                  FROM new_rows WHERE closed_at IS NOT NULL AND id IN (SELECT o2.id FROM old_rows o2 JOIN new_rows n2 USING (id) WHERE (o2.country_code, o2.agency_id, o2.status, o2.phase, o2.risk_level, o2.opened_at, o2.closed_at, o2.closure_reason) IS DISTINCT FROM (n2.country_code, n2.agency_id, n2.status, n2.phase, n2.risk_level, n2.opened_at, n2.closed_at, n2.closure_reason))
                 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                ON CONFLICT (country_code, agency_id, closure_reason, closed_month) DO UPDATE SET n = t.n + EXCLUDED.n;
              END IF;
              RETURN NULL;
            END $$
        `);
    const tables = [
      [
        'monitoring_open_case_count',
        'PK_c96c0a18122d85c63cf64e94e6e',
        'PK_88d99d765568fda94ec0aa40889',
        'country_code, agency_id, phase, risk_level, opened_month',
      ],
      [
        'monitoring_closure_count',
        'PK_9c2bed6c3aad0e546a370a7b94f',
        'PK_3e43124f58e282dd57e268c16fa',
        'country_code, agency_id, closure_reason, closed_month',
      ],
    ];
    for (const [table, slotPk, pk, key] of tables) {
      // Fold the slots back into one row per key before the old key returns.
      await q.query(
        `CREATE TEMP TABLE folded AS SELECT ${key}, sum(n)::int AS n FROM "${table}" GROUP BY ${key}`,
      );
      await q.query(`DELETE FROM "${table}"`);
      await q.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${slotPk}"`);
      await q.query(`ALTER TABLE "${table}" DROP COLUMN "slot"`);
      await q.query(`INSERT INTO "${table}" (${key}, n) SELECT ${key}, n FROM folded`);
      await q.query(`DROP TABLE folded`);
      await q.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${pk}" PRIMARY KEY (${key})`);
    }
    await q.query(`DROP FUNCTION rollup_slot()`);
  }
}
