import { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseWork1795004000000 implements MigrationInterface {
  name = 'CaseWork1795004000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "assessment" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "type" text NOT NULL,
                "status" text NOT NULL DEFAULT 'draft',
                "findings" jsonb NOT NULL DEFAULT '[]',
                "risk_rating" text NOT NULL,
                "summary" text,
                "conducted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "author_id" uuid NOT NULL,
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "reviewed_by" uuid,
                "reviewed_at" TIMESTAMP WITH TIME ZONE,
                "review_comment" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                CONSTRAINT "PK_c511a7dc128256876b6b1719401" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "assessment_case_idx" ON "assessment" ("case_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "best_interests_determination" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "trigger" text NOT NULL,
                "status" text NOT NULL DEFAULT 'convened',
                "decision" text,
                "reasons" text,
                "gender_diversity_perspective" text,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "decided_by" uuid,
                "review_outcome" text,
                "review_reason" text,
                "reviewed_at" TIMESTAMP WITH TIME ZONE,
                "reviewed_by" uuid,
                "created_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                CONSTRAINT "PK_5ff24300c7c28e2de003037f0f9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "bid_case_idx" ON "best_interests_determination" ("case_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "bid_panel_member" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "bid_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "panel_role" text NOT NULL,
                "undertaking_signed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_2e7420736cdcc9757b20271aed5" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "bid_panel_member_key" ON "bid_panel_member" ("bid_id", "user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "case_closure" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "reason" text NOT NULL,
                "notes" text,
                "status" text NOT NULL DEFAULT 'requested',
                "requested_by" uuid NOT NULL,
                "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "decided_by" uuid,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "decision_comment" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                CONSTRAINT "PK_b068c80da78a2e6a709b9a8485c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "case_closure_case_idx" ON "case_closure" ("case_id", "requested_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "case_number_counter" (
                "country_code" character(2) NOT NULL,
                "year" integer NOT NULL,
                "last_value" integer NOT NULL,
                CONSTRAINT "PK_2f2e4925bddf8d91e5c46938f33" PRIMARY KEY ("country_code", "year")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "case_phase_change" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "from_phase" text,
                "to_phase" text NOT NULL,
                "reason" text NOT NULL,
                "changed_by" uuid NOT NULL,
                "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
                CONSTRAINT "PK_fcb2a9d5d942f0d97207613d8ee" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "case_phase_change_case_idx" ON "case_phase_change" ("case_id", "changed_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "case_plan" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "plan_number" integer NOT NULL,
                "status" text NOT NULL DEFAULT 'draft',
                "goals" jsonb NOT NULL,
                "author_id" uuid NOT NULL,
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "reviewed_by" uuid,
                "reviewed_at" TIMESTAMP WITH TIME ZONE,
                "review_comment" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                CONSTRAINT "PK_c031c0fddbc6c916dec0a6b3b72" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "case_plan_version_key" ON "case_plan" ("case_id", "plan_number")
        `);
    await queryRunner.query(`
            CREATE TABLE "duplicate_decision" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "decision" text NOT NULL,
                "child_id" uuid NOT NULL,
                "candidate_ids" uuid array NOT NULL DEFAULT '{}',
                "reviewed_candidate_ids" uuid array NOT NULL DEFAULT '{}',
                "decided_by" uuid NOT NULL,
                "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_9cfee24779a7ee46615566d4cb1" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "duplicate_decision_case_idx" ON "duplicate_decision" ("case_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "interview" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "child_id" uuid NOT NULL,
                "interviewer_id" uuid NOT NULL,
                "conducted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "purpose" text NOT NULL,
                "topics" text array NOT NULL,
                "repeated_topics" text array NOT NULL DEFAULT '{}',
                "repeat_reason" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_44c49a4feadefa5c6fa78bfb7d1" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "interview_case_idx" ON "interview" ("case_id", "conducted_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "interview_child_idx" ON "interview" ("child_id", "conducted_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "reception_event" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "child_id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "reception_center_id" uuid NOT NULL,
                "returned_from" character(2) NOT NULL,
                "means_of_return" text NOT NULL,
                "accompaniment" text NOT NULL,
                "recorded_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_148b1a0c7b78c00a9b9b5a0eb87" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "reception_event_case_idx" ON "reception_event" ("case_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "reception_event_child_idx" ON "reception_event" ("child_id", "received_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "case_file"
            ADD "protection_concerns" text array NOT NULL DEFAULT '{}'
        `);
    await queryRunner.query(`
            ALTER TABLE "case_file"
            ADD "immediate_needs" text array NOT NULL DEFAULT '{}'
        `);
    await queryRunner.query(`
            ALTER TABLE "case_file"
            ADD "assessment_due_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "case_file"
            ADD "assessment_due_explain" text
        `);
    await queryRunner.query(`
            ALTER TABLE "case_file"
            ADD "plan_due_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "case_file"
            ADD "plan_due_explain" text
        `);
    await queryRunner.query(`
            ALTER TABLE "case_file"
            ADD "age_of_majority_on" date
        `);
    await queryRunner.query(`
            ALTER TABLE "case_file"
            ADD "extended_until" date
        `);
    await queryRunner.query(`
            ALTER TABLE "consent"
            ADD "withdrawn_by" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "consent"
            ADD "withdrawal_reason" text
        `);
    await queryRunner.query(`
            CREATE INDEX "case_file_opened_idx" ON "case_file" ("opened_at", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "case_file_plan_due_idx" ON "case_file" ("plan_due_at")
            WHERE status = 'open'
        `);
    await queryRunner.query(`
            CREATE INDEX "case_file_assessment_due_idx" ON "case_file" ("assessment_due_at")
            WHERE status = 'open'
        `);
    await queryRunner.query(`
            ALTER TABLE "assessment"
            ADD CONSTRAINT "assessment_case_fk" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "best_interests_determination"
            ADD CONSTRAINT "bid_case_fk" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bid_panel_member"
            ADD CONSTRAINT "bid_panel_member_bid_fk" FOREIGN KEY ("bid_id") REFERENCES "best_interests_determination"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bid_panel_member"
            ADD CONSTRAINT "bid_panel_member_user_fk" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_closure"
            ADD CONSTRAINT "case_closure_case_fk" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_phase_change"
            ADD CONSTRAINT "case_phase_change_case_fk" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_plan"
            ADD CONSTRAINT "case_plan_case_fk" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "duplicate_decision"
            ADD CONSTRAINT "duplicate_decision_case_fk" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "interview"
            ADD CONSTRAINT "interview_case_fk" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "interview"
            ADD CONSTRAINT "interview_child_fk" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reception_event"
            ADD CONSTRAINT "reception_event_child_fk" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reception_event"
            ADD CONSTRAINT "reception_event_case_fk" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reception_event"
            ADD CONSTRAINT "reception_event_center_fk" FOREIGN KEY ("reception_center_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // Fuzzy child matching: trigram similarity on the normalized, word-sorted name.
    await queryRunner.query(`
            CREATE INDEX "child_search_name_trgm_idx" ON "child" USING gin ("search_name" gin_trgm_ops)
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."child_search_name_trgm_idx"
        `);
    await queryRunner.query(`
            ALTER TABLE "reception_event" DROP CONSTRAINT "reception_event_center_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "reception_event" DROP CONSTRAINT "reception_event_case_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "reception_event" DROP CONSTRAINT "reception_event_child_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "interview" DROP CONSTRAINT "interview_child_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "interview" DROP CONSTRAINT "interview_case_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "duplicate_decision" DROP CONSTRAINT "duplicate_decision_case_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_plan" DROP CONSTRAINT "case_plan_case_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_phase_change" DROP CONSTRAINT "case_phase_change_case_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_closure" DROP CONSTRAINT "case_closure_case_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "bid_panel_member" DROP CONSTRAINT "bid_panel_member_user_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "bid_panel_member" DROP CONSTRAINT "bid_panel_member_bid_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "best_interests_determination" DROP CONSTRAINT "bid_case_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "assessment" DROP CONSTRAINT "assessment_case_fk"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."case_file_assessment_due_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."case_file_plan_due_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."case_file_opened_idx"
        `);
    await queryRunner.query(`
            ALTER TABLE "consent" DROP COLUMN "withdrawal_reason"
        `);
    await queryRunner.query(`
            ALTER TABLE "consent" DROP COLUMN "withdrawn_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_file" DROP COLUMN "extended_until"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_file" DROP COLUMN "age_of_majority_on"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_file" DROP COLUMN "plan_due_explain"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_file" DROP COLUMN "plan_due_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_file" DROP COLUMN "assessment_due_explain"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_file" DROP COLUMN "assessment_due_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_file" DROP COLUMN "immediate_needs"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_file" DROP COLUMN "protection_concerns"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."reception_event_child_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."reception_event_case_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "reception_event"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."interview_child_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."interview_case_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "interview"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."duplicate_decision_case_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "duplicate_decision"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."case_plan_version_key"
        `);
    await queryRunner.query(`
            DROP TABLE "case_plan"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."case_phase_change_case_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "case_phase_change"
        `);
    await queryRunner.query(`
            DROP TABLE "case_number_counter"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."case_closure_case_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "case_closure"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."bid_panel_member_key"
        `);
    await queryRunner.query(`
            DROP TABLE "bid_panel_member"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."bid_case_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "best_interests_determination"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."assessment_case_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "assessment"
        `);
  }
}
