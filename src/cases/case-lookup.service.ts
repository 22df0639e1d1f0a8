import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseFile } from './case-file.entity';
import type { ChildData } from './child-data';
import { childRecordOf } from './child-record';
import { Consent } from './records/consent.entity';

/**
 * What other modules (referrals, follow-ups, monitoring) may read of a case, without touching the
 * cases module's repositories. No authorization here: callers check their own policies.
 */
@Injectable()
export class CaseLookupService {
  findCase(manager: EntityManager, caseId: string): Promise<CaseFile | null> {
    return manager.findOne(CaseFile, { where: { id: caseId } });
  }

  /** The child as this case recorded it, never another case's record of the same child. */
  childRecord(manager: EntityManager, c: CaseFile): Promise<ChildData> {
    return childRecordOf(manager, c);
  }

  findConsent(manager: EntityManager, consentId: string): Promise<Consent | null> {
    return manager.findOne(Consent, { where: { id: consentId } });
  }

  /**
   * Interviews per case's child (all of the child's cases) and how many re-asked a documented
   * topic: for monitoring's no-re-victimization indicators.
   */
  async interviewCounts(
    manager: EntityManager,
    caseIds: string[],
  ): Promise<Map<string, { interviews: number; withRepeatedTopics: number }>> {
    if (!caseIds.length) return new Map();
    const rows: { case_id: string; interviews: number; repeated: number }[] = await manager.query(
      `SELECT c.id AS case_id, count(i.id)::int AS interviews,
              count(i.id) FILTER (WHERE cardinality(i.repeated_topics) > 0)::int AS repeated
         FROM case_file c LEFT JOIN interview i ON i.child_id = c.child_id
        WHERE c.id = ANY($1::uuid[])
        GROUP BY c.id`,
      [caseIds],
    );
    return new Map(
      rows.map((r) => [r.case_id, { interviews: r.interviews, withRepeatedTopics: r.repeated }]),
    );
  }
}
