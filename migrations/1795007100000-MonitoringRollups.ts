import { MigrationInterface, QueryRunner } from 'typeorm';

export class MonitoringRollups1795007100000 implements MigrationInterface {
  name = 'MonitoringRollups1795007100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "monitoring_closure_count" (
                "country_code" character(2) NOT NULL,
                "agency_id" uuid NOT NULL,
                "closure_reason" text NOT NULL,
                "closed_month" date NOT NULL,
                "n" integer NOT NULL DEFAULT '0',
                CONSTRAINT "PK_3e43124f58e282dd57e268c16fa" PRIMARY KEY (
                    "country_code",
                    "agency_id",
                    "closure_reason",
                    "closed_month"
                )
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "monitoring_open_case_count" (
                "country_code" character(2) NOT NULL,
                "agency_id" uuid NOT NULL,
                "phase" text NOT NULL,
                "risk_level" text NOT NULL,
                "opened_month" date NOT NULL,
                "n" integer NOT NULL DEFAULT '0',
                CONSTRAINT "PK_88d99d765568fda94ec0aa40889" PRIMARY KEY (
                    "country_code",
                    "agency_id",
                    "phase",
                    "risk_level",
                    "opened_month"
                )
            )
        `);

    // Statement-level triggers with transition tables keep both counts exact in the same
    // transaction as the change to case_file, at one grouped upsert per statement (bulk loads
    // stay cheap). Keys are upserted in key order so concurrent writers lock rows in one order.
    await queryRunner.query(`
            CREATE FUNCTION monitoring_case_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await queryRunner.query(`
            CREATE TRIGGER case_file_monitoring_rollup_ins AFTER INSERT ON case_file
              REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_case_rollup()
        `);
    await queryRunner.query(`
            CREATE TRIGGER case_file_monitoring_rollup_upd AFTER UPDATE ON case_file
              REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_case_rollup()
        `);
    await queryRunner.query(`
            CREATE TRIGGER case_file_monitoring_rollup_del AFTER DELETE ON case_file
              REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_case_rollup()
        `);
    // Cases that exist before this migration.
    await queryRunner.query(`
            INSERT INTO monitoring_open_case_count (country_code, agency_id, phase, risk_level, opened_month, n)
            SELECT country_code, agency_id, phase, risk_level, date_trunc('month', opened_at AT TIME ZONE 'UTC')::date, count(*)
              FROM case_file WHERE status = 'open' GROUP BY 1, 2, 3, 4, 5
        `);
    await queryRunner.query(`
            INSERT INTO monitoring_closure_count (country_code, agency_id, closure_reason, closed_month, n)
            SELECT country_code, agency_id, coalesce(closure_reason, 'unknown'),
                   date_trunc('month', closed_at AT TIME ZONE 'UTC')::date, count(*)
              FROM case_file WHERE closed_at IS NOT NULL GROUP BY 1, 2, 3, 4
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER case_file_monitoring_rollup_del ON case_file`);
    await queryRunner.query(`DROP TRIGGER case_file_monitoring_rollup_upd ON case_file`);
    await queryRunner.query(`DROP TRIGGER case_file_monitoring_rollup_ins ON case_file`);
    await queryRunner.query(`DROP FUNCTION monitoring_case_rollup()`);
    await queryRunner.query(`
            DROP TABLE "monitoring_open_case_count"
        `);
    await queryRunner.query(`
            DROP TABLE "monitoring_closure_count"
        `);
  }
}
