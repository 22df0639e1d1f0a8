import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each follow-up carries the country and agency of its case (not its responsible agency, which
 * can be a referral's receiving agency), so the overdue-follow-ups metric filters and groups on
 * follow_up alone, an index-only scan of the scope's scheduled items past due, instead of joining
 * every past-due item to case_file. The same pattern as the interview
 * (1795011900000-InterviewScope.ts): a trigger copies the columns from the case on insert or a
 * change of case, and one case_file trigger now carries a changed country or agency to both tables.
 * The overdue scan's escalation writes touch none of these columns, so the follow_up trigger
 * never fires for them.
 */
export class FollowUpScope1795012000000 implements MigrationInterface {
  name = 'FollowUpScope1795012000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "follow_up" ADD "country_code" character(2)`);
    await q.query(`ALTER TABLE "follow_up" ADD "agency_id" uuid`);
    await q.query(
      `UPDATE "follow_up" f SET country_code = c.country_code, agency_id = c.agency_id
         FROM case_file c WHERE c.id = f.case_id`,
    );
    await q.query(`ALTER TABLE "follow_up" ALTER COLUMN "country_code" SET NOT NULL`);
    await q.query(`ALTER TABLE "follow_up" ALTER COLUMN "agency_id" SET NOT NULL`);
    await q.query(`
            CREATE FUNCTION follow_up_case_scope() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              SELECT c.country_code, c.agency_id INTO NEW.country_code, NEW.agency_id
                FROM case_file c WHERE c.id = NEW.case_id;
              RETURN NEW;
            END $$
        `);
    await q.query(`
            CREATE TRIGGER follow_up_case_scope BEFORE INSERT OR UPDATE OF case_id, country_code, agency_id
              ON "follow_up" FOR EACH ROW EXECUTE FUNCTION follow_up_case_scope()
        `);
    // One case_file trigger for both tables (replaces the interview-only one).
    await q.query(`DROP TRIGGER case_interview_scope ON "case_file"`);
    await q.query(`DROP FUNCTION case_interview_scope()`);
    await q.query(`
            CREATE FUNCTION case_scope_propagate() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              UPDATE interview SET country_code = NEW.country_code, agency_id = NEW.agency_id
               WHERE case_id = NEW.id;
              UPDATE follow_up SET country_code = NEW.country_code, agency_id = NEW.agency_id
               WHERE case_id = NEW.id;
              RETURN NULL;
            END $$
        `);
    // Row-level with a WHEN clause: phase and status changes (nearly every case update) skip it.
    await q.query(`
            CREATE TRIGGER case_scope_propagate AFTER UPDATE OF country_code, agency_id ON "case_file"
              FOR EACH ROW WHEN ((OLD.country_code, OLD.agency_id) IS DISTINCT FROM (NEW.country_code, NEW.agency_id))
              EXECUTE FUNCTION case_scope_propagate()
        `);
    // Index-only scans of scheduled items past due for the lead unit or regional analyst (country)
    // and the supervisor (agency). They replace the (due_at, case_id, level) index, which needed
    // the join to case_file for the scope.
    await q.query(`DROP INDEX "public"."follow_up_overdue_monitoring_idx"`);
    await q.query(
      `CREATE INDEX "follow_up_country_overdue_idx" ON "follow_up" ("country_code", "due_at", "escalation_level", "agency_id") WHERE status = 'scheduled'`,
    );
    await q.query(
      `CREATE INDEX "follow_up_agency_overdue_idx" ON "follow_up" ("agency_id", "due_at", "escalation_level", "country_code") WHERE status = 'scheduled'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."follow_up_agency_overdue_idx"`);
    await q.query(`DROP INDEX "public"."follow_up_country_overdue_idx"`);
    await q.query(
      `CREATE INDEX "follow_up_overdue_monitoring_idx" ON "follow_up" ("due_at", "case_id", "escalation_level") WHERE status = 'scheduled'`,
    );
    await q.query(`DROP TRIGGER case_scope_propagate ON "case_file"`);
    await q.query(`DROP FUNCTION case_scope_propagate()`);
    await q.query(`
            CREATE FUNCTION case_interview_scope() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              UPDATE interview SET country_code = NEW.country_code, agency_id = NEW.agency_id
               WHERE case_id = NEW.id;
              RETURN NULL;
            END $$
        `);
    await q.query(`
            CREATE TRIGGER case_interview_scope AFTER UPDATE OF country_code, agency_id ON "case_file"
              FOR EACH ROW WHEN ((OLD.country_code, OLD.agency_id) IS DISTINCT FROM (NEW.country_code, NEW.agency_id))
              EXECUTE FUNCTION case_interview_scope()
        `);
    await q.query(`DROP TRIGGER follow_up_case_scope ON "follow_up"`);
    await q.query(`DROP FUNCTION follow_up_case_scope()`);
    await q.query(`ALTER TABLE "follow_up" DROP COLUMN "agency_id"`);
    await q.query(`ALTER TABLE "follow_up" DROP COLUMN "country_code"`);
  }
}
