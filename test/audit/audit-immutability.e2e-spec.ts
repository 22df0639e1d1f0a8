import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { adminQuery } from '../harness/services';
import { createTestDatabase } from '../harness/test-db';

/** The database itself refuses to rewrite the audit trail: by privileges and by triggers. */
describe('audit_entry is append-only in the database', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const appLogin = `enlace_t_app_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');

  const connect = async (user?: string) => {
    const u = new URL(db.url);
    if (user) {
      u.username = user;
      u.password = password;
    }
    const c = new Client({ connectionString: u.toString() });
    await c.connect();
    return c;
  };
  const sqlState = (p: Promise<unknown>) =>
    p.then(
      () => 'succeeded',
      (e: { code?: string; message: string }) => `${e.code}: ${e.message}`,
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    const su = await connect();
    // A sealed entry, as the sequencer writes it (only its transactions may set the seal columns).
    await su.query(`SET enlace.audit_sealer = 'on'`);
    await su.query(`INSERT INTO audit_entry (seq, occurred_at, action, outcome, prev_hash, hash, sealed_at)
      VALUES (1, now(), 'system.start', 'allowed', repeat('0', 64), repeat('a', 64), now())`);
    await su.end();
    // A login role as an operator would create one for the application: a member of enlace_app.
    await adminQuery(`CREATE ROLE ${appLogin} LOGIN NOSUPERUSER PASSWORD '${password}' IN ROLE enlace_app`);
  });

  afterAll(async () => {
    await db?.drop();
    await adminQuery(`DROP ROLE IF EXISTS ${appLogin}`);
  });

  it('refuses UPDATE, DELETE and TRUNCATE to the application role (no privilege)', async () => {
    const app = await connect(appLogin);
    try {
      const [who] = (
        await app.query('SELECT current_user AS u, usesuper FROM pg_user WHERE usename = current_user')
      ).rows;
      expect(who).toEqual({ u: appLogin, usesuper: false });
      expect(await sqlState(app.query(`UPDATE audit_entry SET action = 'x' WHERE seq = 1`))).toMatch(
        /^42501: permission denied/,
      );
      expect(await sqlState(app.query(`DELETE FROM audit_entry WHERE seq = 1`))).toMatch(
        /^42501: permission denied/,
      );
      expect(await sqlState(app.query(`TRUNCATE audit_entry`))).toMatch(/^42501: permission denied/);
      expect(await sqlState(app.query(`SELECT 1 FROM audit_entry FOR UPDATE`))).toMatch(/^42501/);
    } finally {
      await app.end();
    }
  });

  it('still lets the application role append and read the trail, and work normally elsewhere', async () => {
    const app = await connect(appLogin);
    try {
      await app.query('BEGIN');
      // Appends are unsealed rows (the sequencer assigns seq and hashes later).
      await app.query(`INSERT INTO audit_entry (occurred_at, action, outcome)
        VALUES (now(), 'system.probe', 'allowed')`);
      expect((await app.query('SELECT count(*)::int AS n FROM audit_entry')).rows[0].n).toBe(2);
      await app.query(
        `INSERT INTO outbox_message (queue, job_name, payload, job_id) VALUES ('q', 'j', '{}', 'x')`,
      );
      await app.query(`UPDATE outbox_message SET published_at = now()`);
      await app.query(`DELETE FROM outbox_message`);
      await app.query('ROLLBACK');
    } finally {
      await app.end();
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE to the superuser too (triggers)', async () => {
    const su = await connect();
    try {
      expect(await sqlState(su.query(`UPDATE audit_entry SET action = 'x' WHERE seq = 1`))).toMatch(
        /^42501: audit_entry is append-only \(UPDATE refused\)/,
      );
      expect(await sqlState(su.query(`DELETE FROM audit_entry WHERE seq = 1`))).toMatch(/DELETE refused/);
      expect(await sqlState(su.query(`TRUNCATE audit_entry`))).toMatch(/TRUNCATE refused/);
      expect((await su.query(`SELECT action FROM audit_entry`)).rows).toEqual([{ action: 'system.start' }]);
    } finally {
      await su.end();
    }
  });

  it('fires the triggers ALWAYS, so session_replication_role = replica does not skip them', async () => {
    const su = await connect();
    try {
      const { rows } = await su.query(
        `SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'audit_entry'::regclass AND NOT tgisinternal ORDER BY tgname`,
      );
      expect(rows).toEqual([
        { tgname: 'audit_entry_no_truncate', tgenabled: 'A' },
        { tgname: 'audit_entry_no_update_delete', tgenabled: 'A' },
      ]);
      await su.query('SET session_replication_role = replica');
      expect(await sqlState(su.query(`UPDATE audit_entry SET action = 'x' WHERE seq = 1`))).toMatch(
        /UPDATE refused/,
      );
      expect(await sqlState(su.query(`DELETE FROM audit_entry WHERE seq = 1`))).toMatch(/DELETE refused/);
      expect(await sqlState(su.query(`TRUNCATE audit_entry`))).toMatch(/TRUNCATE refused/);
    } finally {
      await su.end();
    }
  });

  it('does not let the application role set session_replication_role nor rewrite rows', async () => {
    const app = await connect(appLogin);
    try {
      expect(await sqlState(app.query('SET session_replication_role = replica'))).toMatch(
        /^42501: permission denied to set parameter/,
      );
      expect(await sqlState(app.query(`UPDATE audit_entry SET action = 'x' WHERE seq = 1`))).toMatch(
        /^42501/,
      );
      expect(await sqlState(app.query(`DELETE FROM audit_entry WHERE seq = 1`))).toMatch(/^42501/);
      expect(await sqlState(app.query(`ALTER TABLE audit_entry DISABLE TRIGGER ALL`))).toMatch(
        /^42501: must be owner/,
      );
    } finally {
      await app.end();
    }
  });
});
