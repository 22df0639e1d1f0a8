import { MigrationInterface, QueryRunner } from 'typeorm';

export class MonitoringIndicators1795007000000 implements MigrationInterface {
  name = 'MonitoringIndicators1795007000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "indicator_measurement" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "country_code" character(2) NOT NULL,
                "agency_id" uuid NOT NULL,
                "measured_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "follow_up_id" uuid,
                "checkpoint" text,
                "answers" jsonb NOT NULL,
                "dimension_scores" jsonb NOT NULL,
                "overall_score" real,
                "recorded_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_4bfc2a71f28f3d2b66631349c58" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "indicator_measurement_case_idx" ON "indicator_measurement" ("case_id", "measured_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "indicator_score" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "measurement_id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "country_code" character(2) NOT NULL,
                "agency_id" uuid NOT NULL,
                "dimension" text NOT NULL,
                "score" real NOT NULL,
                "measured_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_c29231b9abd4d5d0e636b9a3d6c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "indicator_score_measurement_idx" ON "indicator_score" ("measurement_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "indicator_score_agency_idx" ON "indicator_score" ("agency_id", "measured_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "indicator_score_country_idx" ON "indicator_score" ("country_code", "measured_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "export_file" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "requested_by" uuid NOT NULL,
                "actor" jsonb NOT NULL,
                "request" jsonb NOT NULL,
                "lang" text NOT NULL,
                "as_of" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status" text NOT NULL DEFAULT 'queued',
                "row_count" integer,
                "content" text,
                "error" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "completed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_487fc59fa2b5933bbaae9eedbc3" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "export_file_requester_idx" ON "export_file" ("requested_by", "created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "indicator_measurement"
            ADD CONSTRAINT "indicator_measurement_case_fk" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "indicator_score"
            ADD CONSTRAINT "indicator_score_measurement_fk" FOREIGN KEY ("measurement_id") REFERENCES "indicator_measurement"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "indicator_score" DROP CONSTRAINT "indicator_score_measurement_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "indicator_measurement" DROP CONSTRAINT "indicator_measurement_case_fk"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."export_file_requester_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "export_file"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."indicator_score_country_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."indicator_score_agency_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."indicator_score_measurement_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "indicator_score"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."indicator_measurement_case_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "indicator_measurement"
        `);
  }
}
