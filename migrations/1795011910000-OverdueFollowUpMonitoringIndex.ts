import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The overdue-follow-ups metric counts scheduled follow-ups past due at every escalation level.
 * The overdue scan's partial index leaves out level 3, so the metric read the whole follow_up
 * table; this one holds only scheduled items, and with the case and the level in the index the
 * metric reads the past-due range without touching the table.
 */
export class OverdueFollowUpMonitoringIndex1795011910000 implements MigrationInterface {
  name = 'OverdueFollowUpMonitoringIndex1795011910000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "follow_up_overdue_monitoring_idx" ON "follow_up" ("due_at", "case_id", "escalation_level") WHERE status = 'scheduled'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."follow_up_overdue_monitoring_idx"`);
  }
}
