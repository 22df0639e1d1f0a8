import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Second-person grants and single-use activation (issue 9, item 6): an account's access state,
 * pending grants of roles that need a second approver, and hashed activation tokens.
 * Per-address login rate limit in PostgreSQL (item 5), so it holds across API replicas.
 * Existing accounts stay `active`.
 */
export class AccessGrantsAndLoginLimits1795010300000 implements MigrationInterface {
  name = 'AccessGrantsAndLoginLimits1795010300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "app_user" ADD "access_state" text NOT NULL DEFAULT 'active'`);
    await q.query(`
      CREATE TABLE "user_grant" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "role" text NOT NULL,
        "agency_id" uuid NOT NULL,
        "country_code" text NOT NULL,
        "status" text NOT NULL DEFAULT 'pending',
        "requested_by" uuid NOT NULL,
        "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "decided_by" uuid,
        "decided_at" TIMESTAMP WITH TIME ZONE,
        "reason" text,
        CONSTRAINT "user_grant_pkey" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE INDEX "user_grant_country_status_idx" ON "user_grant" ("country_code", "status")`);
    await q.query(
      `CREATE UNIQUE INDEX "user_grant_pending_key" ON "user_grant" ("user_id") WHERE status = 'pending'`,
    );
    await q.query(`ALTER TABLE "user_grant" ADD CONSTRAINT "user_grant_user_fk"
      FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "user_grant" ADD CONSTRAINT "user_grant_agency_fk"
      FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`
      CREATE TABLE "user_activation" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "token_hash" text NOT NULL,
        "issued_to" uuid NOT NULL,
        "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "used_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "user_activation_pkey" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE UNIQUE INDEX "user_activation_hash_key" ON "user_activation" ("token_hash")`);
    await q.query(`CREATE INDEX "user_activation_user_idx" ON "user_activation" ("user_id")`);
    await q.query(`ALTER TABLE "user_activation" ADD CONSTRAINT "user_activation_user_fk"
      FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`
      CREATE TABLE "login_rate_limit" (
        "address" text NOT NULL,
        "window_start" TIMESTAMP WITH TIME ZONE NOT NULL,
        "attempts" integer NOT NULL,
        CONSTRAINT "login_rate_limit_pkey" PRIMARY KEY ("address")
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "login_rate_limit"`);
    await q.query(`DROP TABLE "user_activation"`);
    await q.query(`DROP TABLE "user_grant"`);
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "access_state"`);
  }
}
