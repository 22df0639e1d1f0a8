import { MigrationInterface, QueryRunner } from 'typeorm';

/** Extensions, the transactional outbox, and the append-only hash-chained audit trail. */
export class Platform1795000000000 implements MigrationInterface {
  name = 'Platform1795000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);

    await q.query(`CREATE TABLE "outbox_message" (
      "id" BIGSERIAL NOT NULL,
      "queue" text NOT NULL,
      "job_name" text NOT NULL,
      "payload" jsonb NOT NULL,
      "job_id" text NOT NULL,
      "delay_ms" integer NOT NULL DEFAULT 0,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "published_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_outbox_message" PRIMARY KEY ("id"))`);
    await q.query(
      `CREATE INDEX "outbox_message_unpublished_idx" ON "outbox_message" ("id") WHERE published_at IS NULL`,
    );

    await q.query(`CREATE TABLE "audit_entry" (
      "seq" bigint NOT NULL,
      "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "actor_user_id" uuid,
      "actor_role" text,
      "actor_agency_id" uuid,
      "action" text NOT NULL,
      "subject_type" text,
      "subject_id" text,
      "case_id" uuid,
      "fields" text array NOT NULL DEFAULT '{}',
      "purpose" text,
      "outcome" text NOT NULL,
      "request_id" text,
      "prev_hash" text NOT NULL,
      "hash" text NOT NULL,
      CONSTRAINT "PK_audit_entry" PRIMARY KEY ("seq"))`);
    await q.query(
      `CREATE INDEX "audit_entry_subject_idx" ON "audit_entry" ("subject_type", "subject_id", "seq")`,
    );
    await q.query(`CREATE INDEX "audit_entry_case_idx" ON "audit_entry" ("case_id", "seq")`);
    await q.query(`CREATE INDEX "audit_entry_actor_idx" ON "audit_entry" ("actor_user_id", "seq")`);
    await q.query(`CREATE INDEX "audit_entry_time_idx" ON "audit_entry" ("occurred_at")`);

    // Append-only, enforced by the database for every role including the application's own.
    await q.query(`CREATE FUNCTION audit_entry_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_entry is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`);
    await q.query(`CREATE TRIGGER audit_entry_no_update_delete BEFORE UPDATE OR DELETE ON "audit_entry"
      FOR EACH ROW EXECUTE FUNCTION audit_entry_immutable()`);
    await q.query(`CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON "audit_entry"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_entry"`);
    await q.query(`DROP FUNCTION audit_entry_immutable()`);
    await q.query(`DROP TABLE "outbox_message"`);
  }
}
