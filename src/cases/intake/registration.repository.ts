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
  /** Next number for the country and year; one upsert, so concurrent registrations never collide. */
  async nextCaseNumber(m: EntityManager, country: string, year: number): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO case_number_counter (country_code, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (country_code, year) DO UPDATE SET last_value = case_number_counter.last_value + 1
       RETURNING last_value`,
      [country, year],
    );
    return `${country}-${year}-${String(row.last_value).padStart(6, '0')}`;
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
