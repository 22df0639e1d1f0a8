import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An agreement is active only once every involved country approved it. Existing agreements keep
 * their creator's country's approval; one that other countries never approved stops covering
 * referrals (pending_approval) until their administrators approve it.
 */
export class AgreementApprovals1795010400000 implements MigrationInterface {
  name = 'AgreementApprovals1795010400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "data_sharing_agreement" ADD "approvals" jsonb NOT NULL DEFAULT '[]'
        `);
    await queryRunner.query(`
            UPDATE "data_sharing_agreement" a
            SET "approvals" = jsonb_build_array(jsonb_build_object(
                'countryCode', ag.country_code,
                'approvedBy', a.created_by,
                'approvedAt', to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
            FROM "app_user" u JOIN "agency" ag ON ag.id = u.agency_id
            WHERE u.id = a.created_by AND ag.country_code = ANY(a.involved_countries)
        `);
    await queryRunner.query(`
            UPDATE "data_sharing_agreement" a SET "status" = 'pending_approval'
            WHERE a.status = 'active' AND EXISTS (
                SELECT 1 FROM unnest(a.involved_countries) c
                WHERE NOT a.approvals @> jsonb_build_array(jsonb_build_object('countryCode', c)))
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Without approvals nothing would keep a pending agreement from covering referrals.
    await queryRunner.query(`
            UPDATE "data_sharing_agreement" SET "status" = 'draft' WHERE "status" = 'pending_approval'
        `);
    await queryRunner.query(`
            ALTER TABLE "data_sharing_agreement" DROP COLUMN "approvals"
        `);
  }
}
