import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each interview carries the country and agency of its case, so the interviews metric filters
 * and groups on the interview table alone (an index-only scan of the scope and period) instead of
 * joining every interview in the period to case_file. The columns belong to the database: a
 * trigger copies them from the case on insert (or a change of case), and a change of a case's
 * country or agency is carried to its interviews in the same statement.
 */
export class InterviewScope1795011900000 implements MigrationInterface {
  name = 'InterviewScope1795011900000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "interview" ADD "country_code" character(2)`);
    await q.query(`ALTER TABLE "interview" ADD "agency_id" uuid`);
    await q.query(
      `UPDATE "interview" i SET country_code = c.country_code, agency_id = c.agency_id
         FROM case_file c WHERE c.id = i.case_id`,
    );
    await q.query(`ALTER TABLE "interview" ALTER COLUMN "country_code" SET NOT NULL`);
    await q.query(`ALTER TABLE "interview" ALTER COLUMN "agency_id" SET NOT NULL`);
    await q.query(`
            CREATE FUNCTION interview_case_scope() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              SELECT c.country_code, c.agency_id INTO NEW.country_code, NEW.agency_id
                FROM case_file c WHERE c.id = NEW.case_id;
              RETURN NEW;
            END $$
        `);
    await q.query(`
            CREATE TRIGGER interview_case_scope BEFORE INSERT OR UPDATE OF case_id, country_code, agency_id
              ON "interview" FOR EACH ROW EXECUTE FUNCTION interview_case_scope()
        `);
    await q.query(`
            CREATE FUNCTION case_interview_scope() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              UPDATE interview SET country_code = NEW.country_code, agency_id = NEW.agency_id
               WHERE case_id = NEW.id;
              RETURN NULL;
            END $$
        `);
    // Row-level with a WHEN clause: phase and status changes (nearly every case update) skip it.
    await q.query(`
            CREATE TRIGGER case_interview_scope AFTER UPDATE OF country_code, agency_id ON "case_file"
              FOR EACH ROW WHEN ((OLD.country_code, OLD.agency_id) IS DISTINCT FROM (NEW.country_code, NEW.agency_id))
              EXECUTE FUNCTION case_interview_scope()
        `);
    // Index-only scans for the lead unit (country) and the supervisor (agency) over a period.
    await q.query(
      `CREATE INDEX "interview_country_time_idx" ON "interview" ("country_code", "conducted_at", "agency_id", "child_id")`,
    );
    await q.query(
      `CREATE INDEX "interview_agency_time_idx" ON "interview" ("agency_id", "conducted_at", "child_id")`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."interview_agency_time_idx"`);
    await q.query(`DROP INDEX "public"."interview_country_time_idx"`);
    await q.query(`DROP TRIGGER case_interview_scope ON "case_file"`);
    await q.query(`DROP FUNCTION case_interview_scope()`);
    await q.query(`DROP TRIGGER interview_case_scope ON "interview"`);
    await q.query(`DROP FUNCTION interview_case_scope()`);
    await q.query(`ALTER TABLE "interview" DROP COLUMN "agency_id"`);
    await q.query(`ALTER TABLE "interview" DROP COLUMN "country_code"`);
  }
}
