import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { ChildMatchesRepository, MatchRow } from './child-matches.repository';
import { addYears, ageBand, searchName } from './search-name';

export interface MatchInput {
  firstNames: string;
  lastNames: string;
  dateOfBirth?: string;
  estimatedAge?: number;
  nationality?: string;
}

/** A possible match, operational fields only: names and exact dates stay behind until linked. */
export interface MatchCandidate {
  childId: string;
  score: number;
  sex: string;
  nationality: string;
  ageBand: string | null;
  caseCount: number;
  lastReceivedAt: Date | null;
}

/** Finds children who may be the one being registered (one child, one record). */
@Injectable()
export class ChildMatchingService {
  constructor(
    private readonly repo: ChildMatchesRepository,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Date of birth used for matching: the exact one, or mid-year of the estimated age. */
  static targetDob(input: MatchInput, now: Date): string | undefined {
    if (input.dateOfBirth) return input.dateOfBirth;
    if (input.estimatedAge === undefined) return undefined;
    const d = new Date(now.getTime() - 182 * 86_400_000);
    d.setUTCFullYear(d.getUTCFullYear() - input.estimatedAge);
    return d.toISOString().slice(0, 10);
  }

  async candidates(m: EntityManager, input: MatchInput, limit = 10): Promise<MatchCandidate[]> {
    const now = this.clock.now();
    const dob = ChildMatchingService.targetDob(input, now);
    // ±1 year around the (estimated) date of birth; an estimated age already spans a year.
    const span = input.dateOfBirth ? 1 : 2;
    const rows = await this.repo.search(m, {
      searchName: searchName(input.firstNames, input.lastNames),
      nationality: input.nationality,
      dob,
      dobFrom: dob ? addYears(dob, -span) : undefined,
      dobTo: dob ? addYears(dob, span) : undefined,
      limit,
    });
    return rows.map((r: MatchRow) => ({
      childId: r.child_id,
      score: r.score,
      sex: r.sex,
      nationality: r.nationality,
      ageBand: ageBand(r.date_of_birth, now),
      caseCount: r.case_count,
      lastReceivedAt: r.last_received_at,
    }));
  }

  /** The explicit search route; audited as a search over children (criteria are not logged). */
  async search(actor: Actor, input: MatchInput): Promise<{ candidates: MatchCandidate[] }> {
    return this.tx.run(async (m) => {
      const candidates = await this.candidates(m, input);
      await this.audit.record(m, {
        actor,
        action: 'child.search',
        subjectType: 'Child',
        fields: ['operational'],
      });
      return { candidates };
    });
  }
}
