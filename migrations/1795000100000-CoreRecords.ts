import { MigrationInterface, QueryRunner } from 'typeorm';

export class CoreRecords1795000100000 implements MigrationInterface {
  name = 'CoreRecords1795000100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "agency" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "country_code" character(2) NOT NULL,
                "name" text NOT NULL,
                "acronym" text,
                "type" text NOT NULL,
                "services" text array NOT NULL DEFAULT '{}',
                "on_enlace" boolean NOT NULL DEFAULT true,
                "delivery_endpoint" text,
                "signing_secret_ref" text,
                "active" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                CONSTRAINT "PK_ab1244724d1c216e9720635a2e5" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "agency_country_type_idx" ON "agency" ("country_code", "type")
        `);
    await queryRunner.query(`
            CREATE TABLE "child" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "first_names" text NOT NULL,
                "last_names" text NOT NULL,
                "date_of_birth" date,
                "dob_estimated" boolean NOT NULL DEFAULT false,
                "sex" text NOT NULL,
                "gender_identity" text,
                "nationality" character(2) NOT NULL,
                "languages" text array NOT NULL DEFAULT '{}',
                "ethnic_identity" text,
                "disability" text,
                "documents" jsonb NOT NULL DEFAULT '[]',
                "family_contacts" jsonb NOT NULL DEFAULT '[]',
                "search_name" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                CONSTRAINT "PK_4609b9b323ca37c6bc435ec4b6b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "child_nationality_dob_idx" ON "child" ("nationality", "date_of_birth")
        `);
    await queryRunner.query(`
            CREATE TABLE "case_file" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_number" text NOT NULL,
                "country_code" character(2) NOT NULL,
                "agency_id" uuid NOT NULL,
                "assigned_user_id" uuid,
                "child_id" uuid NOT NULL,
                "phase" text NOT NULL DEFAULT 'registration',
                "status" text NOT NULL DEFAULT 'open',
                "risk_level" text NOT NULL,
                "returned_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "closed_at" TIMESTAMP WITH TIME ZONE,
                "closure_reason" text,
                "legal_basis" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                CONSTRAINT "PK_911fb1b39fb664d0e88843036b9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "case_file_number_key" ON "case_file" ("case_number")
        `);
    await queryRunner.query(`
            CREATE INDEX "case_file_child_idx" ON "case_file" ("child_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "case_file_country_phase_idx" ON "case_file" ("country_code", "phase", "risk_level")
        `);
    await queryRunner.query(`
            CREATE INDEX "case_file_assignee_idx" ON "case_file" ("assigned_user_id", "opened_at", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "case_file_agency_idx" ON "case_file" ("agency_id", "opened_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "consent" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "given_by" text NOT NULL,
                "child_assent" boolean,
                "purposes" text array NOT NULL,
                "recipient_agency_ids" uuid array NOT NULL DEFAULT '{}',
                "any_recipient_in_country" boolean NOT NULL DEFAULT false,
                "data_categories" text array NOT NULL,
                "given_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE,
                "withdrawn_at" TIMESTAMP WITH TIME ZONE,
                "recorded_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_9115e8d6b082d4fc46d56134d29" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "consent_case_idx" ON "consent" ("case_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "app_user" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "agency_id" uuid NOT NULL,
                "role" text NOT NULL,
                "email" text NOT NULL,
                "full_name" text NOT NULL,
                "password_hash" text NOT NULL,
                "active" boolean NOT NULL DEFAULT true,
                "language" text NOT NULL DEFAULT 'es',
                "failed_logins" integer NOT NULL DEFAULT '0',
                "locked_until" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "app_user_email_key" ON "app_user" ("email")
        `);
    await queryRunner.query(`
            CREATE INDEX "app_user_agency_idx" ON "app_user" ("agency_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "case_file"
            ADD CONSTRAINT "case_file_agency_fk" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_file"
            ADD CONSTRAINT "case_file_child_fk" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "consent"
            ADD CONSTRAINT "consent_case_fk" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "app_user"
            ADD CONSTRAINT "app_user_agency_fk" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "app_user" DROP CONSTRAINT "app_user_agency_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "consent" DROP CONSTRAINT "consent_case_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_file" DROP CONSTRAINT "case_file_child_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_file" DROP CONSTRAINT "case_file_agency_fk"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."app_user_agency_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."app_user_email_key"
        `);
    await queryRunner.query(`
            DROP TABLE "app_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."consent_case_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "consent"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."case_file_agency_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."case_file_assignee_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."case_file_country_phase_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."case_file_child_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."case_file_number_key"
        `);
    await queryRunner.query(`
            DROP TABLE "case_file"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."child_nationality_dob_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "child"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."agency_country_type_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "agency"
        `);
  }
}
