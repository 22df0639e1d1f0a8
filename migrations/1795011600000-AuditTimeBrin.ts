import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The time index of audit_entry becomes a BRIN index. `occurred_at` grows with the insertion
 * order, so a block range summary answers the auditor's `from`/`to` filters, and it costs
 * next to nothing to maintain: a B-tree entry per row was paid twice for every entry, on the
 * INSERT and again on the sequencer's UPDATE (a sealed row is a new row version with all its
 * index entries). The chain's content and hashes are not touched.
 */
export class AuditTimeBrin1795011600000 implements MigrationInterface {
  name = 'AuditTimeBrin1795011600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."audit_entry_time_idx"`);
    await q.query(`CREATE INDEX "audit_entry_time_idx" ON "audit_entry" USING brin ("occurred_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."audit_entry_time_idx"`);
    await q.query(`CREATE INDEX "audit_entry_time_idx" ON "audit_entry" ("occurred_at")`);
  }
}
