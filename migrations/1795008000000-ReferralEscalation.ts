import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Unanswered referrals past their response deadline become an overdue-escalation source: the
 * level reached, since when, and the scan's partial index (which replaces the unanswered-due one).
 */
export class ReferralEscalation1795008000000 implements MigrationInterface {
  name = 'ReferralEscalation1795008000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."referral_unanswered_due_idx"
        `);
    await queryRunner.query(`
            ALTER TABLE "referral"
            ADD "overdue_since" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "referral"
            ADD "escalation_level" smallint NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            CREATE INDEX "referral_overdue_scan_idx" ON "referral" ("response_due_at", "id")
            WHERE status IN ('dispatched', 'delivered', 'delivery_failed')
                AND escalation_level < 3
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."referral_overdue_scan_idx"
        `);
    await queryRunner.query(`
            ALTER TABLE "referral" DROP COLUMN "escalation_level"
        `);
    await queryRunner.query(`
            ALTER TABLE "referral" DROP COLUMN "overdue_since"
        `);
    await queryRunner.query(`
            CREATE INDEX "referral_unanswered_due_idx" ON "referral" ("response_due_at", "id")
            WHERE status IN ('dispatched', 'delivered')
        `);
  }
}
