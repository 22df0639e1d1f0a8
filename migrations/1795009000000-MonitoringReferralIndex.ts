import { MigrationInterface, QueryRunner } from 'typeorm';

/** Monitoring's referral aggregates read one country's referrals dispatched in a period. */
export class MonitoringReferralIndex1795009000000 implements MigrationInterface {
  name = 'MonitoringReferralIndex1795009000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE INDEX "referral_sender_country_dispatched_idx" ON "referral" ("sender_country", "dispatched_at")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."referral_sender_country_dispatched_idx"
        `);
  }
}
