import { MigrationInterface, QueryRunner } from 'typeorm';

/** Follow-ups, escalations (one row per level fired) and the in-app notification inbox. */
export class FollowUps1795006000000 implements MigrationInterface {
  name = 'FollowUps1795006000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "escalation" (
                "id" BIGSERIAL NOT NULL,
                "source" text NOT NULL,
                "item_id" uuid NOT NULL,
                "level" text NOT NULL,
                "case_id" uuid NOT NULL,
                "country_code" character(2) NOT NULL,
                "due_at" TIMESTAMP WITH TIME ZONE,
                "fired_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "recipients" integer NOT NULL DEFAULT '0',
                CONSTRAINT "escalation_once_key" UNIQUE ("source", "item_id", "level"),
                CONSTRAINT "PK_2c9a4d9277ed8620a8a72813864" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "escalation_country_idx" ON "escalation" ("country_code", "fired_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "escalation_case_idx" ON "escalation" ("case_id", "fired_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "follow_up" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "type" text NOT NULL,
                "kind" text NOT NULL,
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "explain" text NOT NULL,
                "responsible_user_id" uuid,
                "responsible_agency_id" uuid NOT NULL,
                "referral_id" uuid,
                "status" text NOT NULL DEFAULT 'scheduled',
                "outcome_notes" text,
                "contact_made" boolean,
                "attempts" integer NOT NULL DEFAULT '0',
                "resolved_at" TIMESTAMP WITH TIME ZONE,
                "cancel_reason" text,
                "overdue_since" TIMESTAMP WITH TIME ZONE,
                "escalation_level" smallint NOT NULL DEFAULT '0',
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                CONSTRAINT "PK_5c0a5f5b32937e47e0ab09d596c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "follow_up_overdue_scan_idx" ON "follow_up" ("due_at", "id")
            WHERE status = 'scheduled'
                AND escalation_level < 3
        `);
    await queryRunner.query(`
            CREATE INDEX "follow_up_responsible_agency_idx" ON "follow_up" ("responsible_agency_id", "due_at", "id")
            WHERE status = 'scheduled'
        `);
    await queryRunner.query(`
            CREATE INDEX "follow_up_responsible_user_idx" ON "follow_up" ("responsible_user_id", "due_at", "id")
            WHERE status = 'scheduled'
        `);
    await queryRunner.query(`
            CREATE INDEX "follow_up_case_idx" ON "follow_up" ("case_id", "due_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "notification" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "type" text NOT NULL,
                "level" text,
                "case_id" uuid,
                "case_number" text,
                "subject_type" text,
                "subject_id" uuid,
                "due_at" TIMESTAMP WITH TIME ZONE,
                "data" jsonb NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "read_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "notification_unread_idx" ON "notification" ("user_id", "created_at")
            WHERE read_at IS NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "notification_inbox_idx" ON "notification" ("user_id", "created_at", "id")
        `);
    await queryRunner.query(`
            ALTER TABLE "follow_up"
            ADD CONSTRAINT "follow_up_case_fk" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "follow_up"
            ADD CONSTRAINT "follow_up_responsible_user_fk" FOREIGN KEY ("responsible_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "follow_up"
            ADD CONSTRAINT "follow_up_responsible_agency_fk" FOREIGN KEY ("responsible_agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "notification"
            ADD CONSTRAINT "notification_user_fk" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "notification" DROP CONSTRAINT "notification_user_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "follow_up" DROP CONSTRAINT "follow_up_responsible_agency_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "follow_up" DROP CONSTRAINT "follow_up_responsible_user_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "follow_up" DROP CONSTRAINT "follow_up_case_fk"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."notification_inbox_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."notification_unread_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "notification"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."follow_up_case_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."follow_up_responsible_user_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."follow_up_responsible_agency_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."follow_up_overdue_scan_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "follow_up"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."escalation_case_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."escalation_country_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "escalation"
        `);
  }
}
