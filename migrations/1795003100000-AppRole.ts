import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `enlace_app`: a NOLOGIN group role for the application's login role (an operator runs
 * `GRANT enlace_app TO <login role>`). Normal data privileges on every table, but only INSERT and
 * SELECT on audit_entry, so the application cannot rewrite the trail even without the triggers.
 * Roles are cluster-wide: the role is created once and kept on revert (other databases of the
 * cluster may use it); only this database's grants are revoked.
 */
export class AppRole1795003100000 implements MigrationInterface {
  name = 'AppRole1795003100000';

  async up(q: QueryRunner): Promise<void> {
    // Concurrent migrations of two databases on one cluster may race to create it.
    await q.query(`DO $$ BEGIN
        CREATE ROLE enlace_app NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO enlace_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO enlace_app`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO enlace_app`);
    await q.query(`REVOKE ALL ON "audit_entry" FROM enlace_app`);
    await q.query(`GRANT SELECT, INSERT ON "audit_entry" TO enlace_app`);
    // Tables created by later migrations (run by the same owner role) get the normal privileges.
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO enlace_app`,
    );
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO enlace_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM enlace_app`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM enlace_app`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM enlace_app`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM enlace_app`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM enlace_app`);
  }
}
