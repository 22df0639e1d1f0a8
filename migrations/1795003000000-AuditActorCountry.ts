import { MigrationInterface, QueryRunner } from 'typeorm';

/** The actor's country on each audit entry: the scope an auditor reads, filtered in SQL. */
export class AuditActorCountry1795003000000 implements MigrationInterface {
  name = 'AuditActorCountry1795003000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "audit_entry" ADD "actor_country_code" text`);
    await q.query(`CREATE INDEX "audit_entry_country_idx" ON "audit_entry" ("actor_country_code", "seq")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."audit_entry_country_idx"`);
    await q.query(`ALTER TABLE "audit_entry" DROP COLUMN "actor_country_code"`);
  }
}
