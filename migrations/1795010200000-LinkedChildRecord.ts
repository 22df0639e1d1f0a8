import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case linked to an already registered child keeps its own record of the child, instead of
 * reading the `child` row that the first registration (maybe another agency) recorded.
 *
 * Backfill for cases linked before: what their registration recorded was not kept. A link at the
 * agency that holds the child's first case copies that record (the agency recorded it); a link
 * at another agency keeps only what is operational (sex, nationality): empty names, no date of
 * birth (nor the age-of-majority date derived from the other record's).
 */
export class LinkedChildRecord1795010200000 implements MigrationInterface {
  name = 'LinkedChildRecord1795010200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "linked_child_record" (
                "case_id" uuid NOT NULL,
                "first_names" text NOT NULL,
                "last_names" text NOT NULL,
                "date_of_birth" date,
                "dob_estimated" boolean NOT NULL DEFAULT false,
                "sex" text NOT NULL,
                "gender_identity" text,
                "nationality" character(2) NOT NULL,
                "languages" text array NOT NULL DEFAULT '{}',
                "ethnic_identity" text,
                "disability" text,
                "documents" jsonb NOT NULL DEFAULT '[]',
                "family_contacts" jsonb NOT NULL DEFAULT '[]',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_98fa2dc898e03e07e41d3c86175" PRIMARY KEY ("case_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "linked_child_record"
            ADD CONSTRAINT "linked_child_record_case_fk" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            INSERT INTO "linked_child_record" ("case_id", "first_names", "last_names", "date_of_birth", "dob_estimated",
                "sex", "gender_identity", "nationality", "languages", "ethnic_identity", "disability", "documents",
                "family_contacts")
            SELECT c.id,
                   CASE WHEN same THEN ch.first_names ELSE '' END, CASE WHEN same THEN ch.last_names ELSE '' END,
                   CASE WHEN same THEN ch.date_of_birth END, CASE WHEN same THEN ch.dob_estimated ELSE true END,
                   ch.sex, CASE WHEN same THEN ch.gender_identity END, ch.nationality,
                   CASE WHEN same THEN ch.languages ELSE '{}' END, CASE WHEN same THEN ch.ethnic_identity END,
                   CASE WHEN same THEN ch.disability END, CASE WHEN same THEN ch.documents ELSE '[]' END,
                   CASE WHEN same THEN ch.family_contacts ELSE '[]' END
              FROM "case_file" c
              JOIN "duplicate_decision" d ON d.case_id = c.id AND d.decision = 'link'
              JOIN "child" ch ON ch.id = c.child_id
             CROSS JOIN LATERAL (
                   SELECT c.agency_id = (SELECT f.agency_id FROM "case_file" f WHERE f.child_id = c.child_id
                                          ORDER BY f.opened_at, f.id LIMIT 1) AS same) s
        `);
    // Its age-of-majority date came from the other record's date of birth.
    await queryRunner.query(`
            UPDATE "case_file" c SET "age_of_majority_on" = NULL
              FROM "linked_child_record" r
             WHERE r.case_id = c.id AND r.first_names = '' AND r.date_of_birth IS NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "linked_child_record" DROP CONSTRAINT "linked_child_record_case_fk"
        `);
    await queryRunner.query(`
            DROP TABLE "linked_child_record"
        `);
  }
}
