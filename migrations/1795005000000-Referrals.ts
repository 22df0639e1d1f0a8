import { MigrationInterface, QueryRunner } from 'typeorm';

export class Referrals1795005000000 implements MigrationInterface {
  name = 'Referrals1795005000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "data_sharing_agreement" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "reference" text NOT NULL,
                "title" text NOT NULL,
                "party_agency_ids" uuid array NOT NULL DEFAULT '{}',
                "party_country_codes" text array NOT NULL DEFAULT '{}',
                "involved_countries" text array NOT NULL,
                "purposes" text array NOT NULL,
                "data_categories" text array NOT NULL,
                "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL,
                "valid_until" TIMESTAMP WITH TIME ZONE,
                "status" text NOT NULL DEFAULT 'active',
                "created_by" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                CONSTRAINT "PK_4c1c1a4503471d4b770b990258f" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "referral_inbound_signature" (
                "signature" text NOT NULL,
                "agency_id" uuid NOT NULL,
                "seen_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_5048e8e245297126f1c7e7ad2e1" PRIMARY KEY ("signature")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "referral_inbound_signature_seen_idx" ON "referral_inbound_signature" ("seen_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "referral" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "sender_agency_id" uuid NOT NULL,
                "sender_user_id" uuid NOT NULL,
                "sender_country" character(2) NOT NULL,
                "recipient_agency_id" uuid NOT NULL,
                "recipient_country" character(2) NOT NULL,
                "external" boolean NOT NULL,
                "service_type" text NOT NULL,
                "purpose" text NOT NULL,
                "urgency" text NOT NULL,
                "reason" text NOT NULL,
                "consent_id" uuid,
                "override_basis" text,
                "override_reason" text,
                "override_by" uuid,
                "override_sensitive_categories" text array NOT NULL DEFAULT '{}',
                "requested_categories" text array NOT NULL DEFAULT '{}',
                "agreement_id" uuid,
                "status" text NOT NULL DEFAULT 'draft',
                "status_reason" text,
                "outcome" text,
                "snapshot_version" integer NOT NULL DEFAULT '0',
                "access_revoked_at" TIMESTAMP WITH TIME ZONE,
                "delivery_round" integer NOT NULL DEFAULT '0',
                "dispatched_at" TIMESTAMP WITH TIME ZONE,
                "delivered_at" TIMESTAMP WITH TIME ZONE,
                "responded_at" TIMESTAMP WITH TIME ZONE,
                "completed_at" TIMESTAMP WITH TIME ZONE,
                "response_due_at" TIMESTAMP WITH TIME ZONE,
                "response_due_explain" text,
                "external_reference" text,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                CONSTRAINT "PK_a2d3e935a6591168066defec5ad" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "referral_unanswered_due_idx" ON "referral" ("response_due_at", "id")
            WHERE status IN ('dispatched', 'delivered')
        `);
    await queryRunner.query(`
            CREATE INDEX "referral_consent_idx" ON "referral" ("consent_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "referral_case_idx" ON "referral" ("case_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "referral_outbox_idx" ON "referral" ("sender_agency_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "referral_inbox_idx" ON "referral" ("recipient_agency_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "referral_delivery" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "idempotency_key" text NOT NULL,
                "referral_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "snapshot_version" integer,
                "channel" text NOT NULL,
                "http_status" integer,
                "received_at" TIMESTAMP WITH TIME ZONE,
                "external_reference" text,
                "attempt" integer NOT NULL,
                "delivered_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_3ae5b117383eae5eecf137d506a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "referral_delivery_key" ON "referral_delivery" ("idempotency_key")
        `);
    await queryRunner.query(`
            CREATE INDEX "referral_delivery_referral_idx" ON "referral_delivery" ("referral_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "referral_outcome" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "referral_id" uuid NOT NULL,
                "recipient_agency_id" uuid NOT NULL,
                "service_type" text NOT NULL,
                "outcome" text NOT NULL,
                "reported_via" text NOT NULL,
                "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_aeca70bff9375c4df6c61375c8e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "referral_outcome_referral_key" ON "referral_outcome" ("referral_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "referral_outcome_case_idx" ON "referral_outcome" ("case_id", "completed_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "referral_snapshot" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "referral_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "categories" text array NOT NULL,
                "data" jsonb NOT NULL,
                "content_hash" text NOT NULL,
                "created_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_9527e47c096bee8c15ed47b554e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "referral_snapshot_version_key" ON "referral_snapshot" ("referral_id", "version")
        `);
    await queryRunner.query(`
            CREATE TABLE "referral_status_change" (
                "id" BIGSERIAL NOT NULL,
                "referral_id" uuid NOT NULL,
                "from_status" text,
                "to_status" text NOT NULL,
                "reason" text,
                "source" text NOT NULL,
                "actor_user_id" uuid,
                "actor_agency_id" uuid,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_c6bb6ab5d09d166f97cee3c4a3b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "referral_status_change_referral_idx" ON "referral_status_change" ("referral_id", "id")
        `);
    await queryRunner.query(`
            ALTER TABLE "referral"
            ADD CONSTRAINT "referral_case_fk" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "referral"
            ADD CONSTRAINT "referral_sender_agency_fk" FOREIGN KEY ("sender_agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "referral"
            ADD CONSTRAINT "referral_sender_user_fk" FOREIGN KEY ("sender_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "referral"
            ADD CONSTRAINT "referral_recipient_agency_fk" FOREIGN KEY ("recipient_agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "referral"
            ADD CONSTRAINT "referral_consent_fk" FOREIGN KEY ("consent_id") REFERENCES "consent"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "referral"
            ADD CONSTRAINT "referral_agreement_fk" FOREIGN KEY ("agreement_id") REFERENCES "data_sharing_agreement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "referral_delivery"
            ADD CONSTRAINT "referral_delivery_referral_fk" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "referral_outcome"
            ADD CONSTRAINT "referral_outcome_case_fk" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "referral_outcome"
            ADD CONSTRAINT "referral_outcome_referral_fk" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "referral_snapshot"
            ADD CONSTRAINT "referral_snapshot_referral_fk" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "referral_status_change"
            ADD CONSTRAINT "referral_status_change_referral_fk" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "referral_status_change" DROP CONSTRAINT "referral_status_change_referral_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "referral_snapshot" DROP CONSTRAINT "referral_snapshot_referral_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "referral_outcome" DROP CONSTRAINT "referral_outcome_referral_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "referral_outcome" DROP CONSTRAINT "referral_outcome_case_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "referral_delivery" DROP CONSTRAINT "referral_delivery_referral_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "referral" DROP CONSTRAINT "referral_agreement_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "referral" DROP CONSTRAINT "referral_consent_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "referral" DROP CONSTRAINT "referral_recipient_agency_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "referral" DROP CONSTRAINT "referral_sender_user_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "referral" DROP CONSTRAINT "referral_sender_agency_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "referral" DROP CONSTRAINT "referral_case_fk"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."referral_status_change_referral_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "referral_status_change"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."referral_snapshot_version_key"
        `);
    await queryRunner.query(`
            DROP TABLE "referral_snapshot"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."referral_outcome_case_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."referral_outcome_referral_key"
        `);
    await queryRunner.query(`
            DROP TABLE "referral_outcome"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."referral_delivery_referral_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."referral_delivery_key"
        `);
    await queryRunner.query(`
            DROP TABLE "referral_delivery"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."referral_inbox_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."referral_outbox_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."referral_case_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."referral_consent_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."referral_unanswered_due_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "referral"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."referral_inbound_signature_seen_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "referral_inbound_signature"
        `);
    await queryRunner.query(`
            DROP TABLE "data_sharing_agreement"
        `);
  }
}
