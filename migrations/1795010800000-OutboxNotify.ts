import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transaction that writes outbox rows also sends NOTIFY outbox_message (once per statement;
 * PostgreSQL delivers it at commit, and not at all on rollback), so the worker's relay publishes
 * at once instead of waiting for its next poll. The poll stays as the fallback.
 */
export class OutboxNotify1795010800000 implements MigrationInterface {
  name = 'OutboxNotify1795010800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION outbox_message_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox_message', '');
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER outbox_message_notify AFTER INSERT ON "outbox_message"
      FOR EACH STATEMENT EXECUTE FUNCTION outbox_message_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER outbox_message_notify ON "outbox_message"`);
    await q.query(`DROP FUNCTION outbox_message_notify()`);
  }
}
