import { MigrationInterface, QueryRunner } from 'typeorm';

const TRIGGERS = ['audit_entry_no_update_delete', 'audit_entry_no_truncate'];

/**
 * The append-only triggers fire ALWAYS: a trigger enabled the default way (ORIGIN) is skipped in a
 * session with `session_replication_role = replica`, which the table owner or a superuser may set.
 * Rewriting the trail now takes an explicit `ALTER TABLE ... DISABLE TRIGGER` by the owner.
 */
export class AuditTriggersAlways1795010500000 implements MigrationInterface {
  name = 'AuditTriggersAlways1795010500000';

  async up(q: QueryRunner): Promise<void> {
    for (const t of TRIGGERS) await q.query(`ALTER TABLE "audit_entry" ENABLE ALWAYS TRIGGER ${t}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of TRIGGERS) await q.query(`ALTER TABLE "audit_entry" ENABLE TRIGGER ${t}`);
  }
}
