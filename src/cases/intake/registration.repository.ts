import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Agency } from '../../directory/agency.entity';
import { CaseFile } from '../case-file.entity';
import type { ChildData } from '../child-data';
import { Child } from '../child.entity';
import { LinkedChildRecord } from '../linked-child-record.entity';
import { ReceptionEvent } from '../reception-event.entity';
import { DuplicateDecision } from './duplicate-decision.entity';

/** Writes of a registration (one transaction, the caller's); the registration service stays free of SQL. */
@Injectable()
export class RegistrationRepository {
  /** What a case holds in `case_number` until `assignCaseNumber` numbers it, within the same transaction. */
  unnumbered(caseId: string): string {
    return `pending-${caseId}`;
  }

  /**
   * Numbers the case from the country's counter for the year, gap-free (a rolled-back
   * registration rolls its number back too). The counter row stays locked from this statement to
   * the commit, so the caller runs it last: concurrent registrations in one country then queue
   * for one statement and the commit, not for the whole registration.
   */
  async assignCaseNumber(m: EntityManager, caseId: string, country: string, year: number): Promise<string> {
    // An UPDATE answers [rows, rowCount] through EntityManager.query.
    const [[row]] = await m.query(
      `WITH n AS (
         INSERT INTO case_number_counter (country_code, year, last_value) VALUES ($1, $2, 1)
         ON CONFLICT (country_code, year) DO UPDATE SET last_value = case_number_counter.last_value + 1
         RETURNING last_value)
       UPDATE case_file SET case_number = $1 || '-' || $2 || '-' || lpad(n.last_value::text, 6, '0')
         FROM n WHERE case_file.id = $3
       RETURNING case_file.case_number`,
      [country, year, caseId],
    );
    return row.case_number;
  }

  agency(m: EntityManager, id: string): Promise<Agency | null> {
    return m.findOne(Agency, { where: { id } });
  }

  createChild(m: EntityManager, child: ChildData & { searchName: string }): Promise<Child> {
    return m.save(m.create(Child, child));
  }

  createCase(m: EntityManager, c: Partial<CaseFile>): Promise<CaseFile> {
    return m.save(m.create(CaseFile, c));
  }

  /** What a case linked to an already registered child recorded about the child itself. */
  async linkChildRecord(m: EntityManager, caseId: string, data: ChildData): Promise<void> {
    await m.insert(LinkedChildRecord, { caseId, ...data });
  }

  createReception(m: EntityManager, reception: Partial<ReceptionEvent>): Promise<ReceptionEvent> {
    return m.save(m.create(ReceptionEvent, reception));
  }

  async recordDuplicateDecision(m: EntityManager, decision: Partial<DuplicateDecision>): Promise<void> {
    await m.insert(DuplicateDecision, decision);
  }
}
