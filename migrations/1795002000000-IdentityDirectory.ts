import { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentityDirectory1795002000000 implements MigrationInterface {
  name = 'IdentityDirectory1795002000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "refresh_token" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "family_id" uuid NOT NULL,
                "token_hash" text NOT NULL,
                "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_b575dd3c21fb0831013c909e7fe" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "refresh_token_hash_key" ON "refresh_token" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE INDEX "refresh_token_user_idx" ON "refresh_token" ("user_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "refresh_token_family_idx" ON "refresh_token" ("family_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "agency"
            ADD "city" text
        `);
    await queryRunner.query(`
            ALTER TABLE "agency"
            ADD "contact_email" text
        `);
    await queryRunner.query(`
            ALTER TABLE "agency"
            ADD "contact_phone" text
        `);
    await queryRunner.query(`
            ALTER TABLE "refresh_token"
            ADD CONSTRAINT "refresh_token_user_fk" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "refresh_token" DROP CONSTRAINT "refresh_token_user_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "agency" DROP COLUMN "contact_phone"
        `);
    await queryRunner.query(`
            ALTER TABLE "agency" DROP COLUMN "contact_email"
        `);
    await queryRunner.query(`
            ALTER TABLE "agency" DROP COLUMN "city"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."refresh_token_family_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."refresh_token_user_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."refresh_token_hash_key"
        `);
    await queryRunner.query(`
            DROP TABLE "refresh_token"
        `);
  }
}
