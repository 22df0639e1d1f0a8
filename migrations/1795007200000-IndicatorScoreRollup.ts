import { MigrationInterface, QueryRunner } from 'typeorm';

export class IndicatorScoreRollup1795007200000 implements MigrationInterface {
  name = 'IndicatorScoreRollup1795007200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "indicator_score_month" (
                "country_code" character(2) NOT NULL,
                "agency_id" uuid NOT NULL,
                "month" date NOT NULL,
                "dimension" text NOT NULL,
                "n" integer NOT NULL DEFAULT '0',
                "total" double precision NOT NULL DEFAULT '0',
                CONSTRAINT "PK_a01f1a1fa16487226729791128a" PRIMARY KEY (
                    "country_code",
                    "agency_id",
                    "month",
                    "dimension"
                )
            )
        `);

    // Statement-level triggers with transition tables: one grouped upsert per statement, in the
    // transaction that records the measurement (scores are only inserted, or deleted with it).
    await queryRunner.query(`
            CREATE FUNCTION indicator_score_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'INSERT' THEN
                INSERT INTO indicator_score_month AS m (country_code, agency_id, month, dimension, n, total)
                SELECT country_code, agency_id, date_trunc('month', measured_at AT TIME ZONE 'UTC')::date, dimension, count(*), sum(score)
                  FROM new_rows
                 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                ON CONFLICT (country_code, agency_id, month, dimension)
                DO UPDATE SET n = m.n + EXCLUDED.n, total = m.total + EXCLUDED.total;
              ELSE
                INSERT INTO indicator_score_month AS m (country_code, agency_id, month, dimension, n, total)
                SELECT country_code, agency_id, date_trunc('month', measured_at AT TIME ZONE 'UTC')::date, dimension, -count(*), -sum(score)
                  FROM old_rows
                 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                ON CONFLICT (country_code, agency_id, month, dimension)
                DO UPDATE SET n = m.n + EXCLUDED.n, total = m.total + EXCLUDED.total;
              END IF;
              RETURN NULL;
            END $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER indicator_score_rollup_ins AFTER INSERT ON indicator_score
              REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_score_rollup()
        `);
    await queryRunner.query(`
            CREATE TRIGGER indicator_score_rollup_del AFTER DELETE ON indicator_score
              REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_score_rollup()
        `);
    await queryRunner.query(`
            INSERT INTO indicator_score_month (country_code, agency_id, month, dimension, n, total)
            SELECT country_code, agency_id, date_trunc('month', measured_at AT TIME ZONE 'UTC')::date, dimension, count(*), sum(score)
              FROM indicator_score GROUP BY 1, 2, 3, 4
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER indicator_score_rollup_del ON indicator_score`);
    await queryRunner.query(`DROP TRIGGER indicator_score_rollup_ins ON indicator_score`);
    await queryRunner.query(`DROP FUNCTION indicator_score_rollup()`);
    await queryRunner.query(`
            DROP TABLE "indicator_score_month"
        `);
  }
}
