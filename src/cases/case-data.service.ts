import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseFile } from './case-file.entity';
import type { ChildData } from './child-data';
import { childRecordOf } from './child-record';

/** Reads one data category of a case (for a referral snapshot); undefined when there is nothing. */
export type CategoryReader = (manager: EntityManager, c: CaseFile, child: ChildData) => Promise<unknown>;

/**
 * The case's data grouped by the data categories of config/vocabularies/data-categories.yaml.
 * Referral snapshots are built from here, so what travels is decided per category; modules that
 * own more data (assessments, case plans) register their readers at start-up.
 */
@Injectable()
export class CaseDataService {
  private readonly readers = new Map<string, CategoryReader>([
    [
      'identification',
      async (_m, _c, ch) => ({
        firstNames: ch.firstNames,
        lastNames: ch.lastNames,
        dateOfBirth: ch.dateOfBirth,
        dobEstimated: ch.dobEstimated,
        sex: ch.sex,
        nationality: ch.nationality,
        languages: ch.languages,
      }),
    ],
    [
      'contact',
      async (_m, _c, ch) => (ch.familyContacts.length ? { familyContacts: ch.familyContacts } : undefined),
    ],
    ['documents', async (_m, _c, ch) => (ch.documents.length ? { documents: ch.documents } : undefined)],
    [
      'case_summary',
      async (_m, c) => ({
        caseNumber: c.caseNumber,
        countryCode: c.countryCode,
        phase: c.phase,
        riskLevel: c.riskLevel,
        returnedAt: c.returnedAt,
        openedAt: c.openedAt,
      }),
    ],
    ['health', async (_m, _c, ch) => (ch.disability ? { disability: ch.disability } : undefined)],
    [
      'gender_identity',
      async (_m, _c, ch) => (ch.genderIdentity ? { genderIdentity: ch.genderIdentity } : undefined),
    ],
  ]);

  /** Registers (or replaces) the reader of a category; call from a module's onModuleInit. */
  register(category: string, reader: CategoryReader): void {
    this.readers.set(category, reader);
  }

  /** Collects the requested categories of a case; categories with no data are left out. */
  async collect(
    manager: EntityManager,
    caseId: string,
    categories: string[],
  ): Promise<Record<string, unknown>> {
    const c = await manager.findOneOrFail(CaseFile, { where: { id: caseId } });
    // The case's own record of the child, never what another case linked to the child recorded.
    const child = await childRecordOf(manager, c);
    const out: Record<string, unknown> = {};
    for (const category of categories) {
      const reader = this.readers.get(category);
      const value = reader ? await reader(manager, c, child) : undefined;
      if (value !== undefined) out[category] = value;
    }
    return out;
  }
}
