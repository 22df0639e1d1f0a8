import { MigrationInterface, QueryRunner } from 'typeorm';

/** Idempotency-Key of signed-in POSTs: the first answer, kept IDEMPOTENCY_TTL_HOURS per user and key. */
export class IdempotencyKeys1795011200000 implements MigrationInterface {
  name = 'IdempotencyKeys1795011200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "idempotency_key" (
                "user_id" uuid NOT NULL,
                "key" text NOT NULL,
                "fingerprint" text NOT NULL,
                "state" text NOT NULL,
                "work_committed" boolean NOT NULL DEFAULT false,
                "locked_until" TIMESTAMP WITH TIME ZONE NOT NULL,
                "response_status" integer,
                "response_body" jsonb,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_idempotency_key" PRIMARY KEY ("user_id", "key")
            )
        `);
    await queryRunner.query(`CREATE INDEX "idempotency_key_expires_idx" ON "idempotency_key" ("expires_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "idempotency_key"`);
  }
}
