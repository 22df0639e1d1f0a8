import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { AuditService } from '../../audit-trail/audit.service';
import { Clock } from '../../common/clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { CaseAccess } from '../case-access';
import { CasesRepository } from '../cases.repository';
import { childRecordOf } from '../child-record';
import { ChildMatchesRepository, MatchRow } from './child-matches.repository';
import { ageBand } from '../child-age';
import { searchName } from './search-name';

export interface MatchInput {
  firstNames: string;
  lastNames: string;
  dateOfBirth?: string;
  estimatedAge?: number;
  nationality?: string;
}

export type Similarity = 'high' | 'medium' | 'low';

/**
 * A possible match as the caller sees it: a banded similarity (never a score, which would give
 * the date of birth away) and operational fields: age band, sex, nationality, the agency and
 * country holding the child's latest case, reception dates. Names only when the caller may read
 * one of the child's cases (and then as that case recorded them).
 */
export interface MatchCandidate {
  childId: string;
  similarity: Similarity;
  sex: string;
  nationality: string;
  ageBand: string | null;
  caseCount: number;
  lastReceivedAt: Date | null;
  agencyId: string | null;
  countryCode: string | null;
  firstNames?: string;
  lastNames?: string;
}

/** Score → band. Coarse on purpose: only the name similarity moves within a band. */
export function similarityBand(score: number): Similarity {
  if (score >= 0.85) return 'high';
  if (score >= 0.65) return 'medium';
  return 'low';
}

/** Finds children who may be the one being registered (one child, one record). */
@Injectable()
export class ChildMatchingService {
  constructor(
    private readonly repo: ChildMatchesRepository,
    private readonly cases: CasesRepository,
    private readonly access: CaseAccess,
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

  /** The server's own candidates for this child data (internal: scores and dates included). */
  async find(m: EntityManager, input: MatchInput, limit = 10): Promise<MatchRow[]> {
    const dob = ChildMatchingService.targetDob(input, this.clock.now());
    // Whole birth years around the (estimated) date of birth, so moving a guessed date by a day
    // never moves a child in or out of the window; an estimated age already spans a year.
    const year = dob ? Number(dob.slice(0, 4)) : undefined;
    const span = input.dateOfBirth ? 1 : 2;
    return this.repo.search(m, {
      searchName: searchName(input.firstNames, input.lastNames),
      nationality: input.nationality,
      dob,
      dobFrom: year !== undefined ? `${year - span}-01-01` : undefined,
      dobTo: year !== undefined ? `${year + span}-12-31` : undefined,
      limit,
    });
  }

  /**
   * What the caller may see of the candidates. Each case whose data a candidate shows gets an
   * entry in its access log (operational, or identifying too where names are shown).
   */
  async present(m: EntityManager, actor: Actor, rows: MatchRow[]): Promise<MatchCandidate[]> {
    const now = this.clock.now();
    const all = await this.cases.casesOfChildren(
      m,
      rows.map((r) => r.child_id),
    );
    const out: MatchCandidate[] = [];
    for (const r of rows) {
      const own = all.filter((c) => c.childId === r.child_id); // newest first
      const readable = own.find((c) => this.access.allows(actor, 'read', c, 'firstNames'));
      const names = readable ? await childRecordOf(m, readable) : undefined;
      await this.audit.recordMany(
        m,
        own.map((c) => ({
          actor,
          action: 'child.match.candidate',
          subjectType: 'Case',
          subjectId: c.id,
          caseId: c.id,
          fields: c === readable ? ['identifying', 'operational'] : ['operational'],
        })),
      );
      out.push({
        childId: r.child_id,
        similarity: similarityBand(r.score),
        sex: r.sex,
        nationality: r.nationality,
        ageBand: ageBand(r.date_of_birth, now),
        caseCount: r.case_count,
        lastReceivedAt: r.last_received_at,
        agencyId: own[0]?.agencyId ?? null,
        countryCode: own[0]?.countryCode ?? null,
        ...(names ? { firstNames: names.firstNames, lastNames: names.lastNames } : {}),
      });
    }
    return out;
  }

  /** The explicit search route; audited as a search over children (criteria are not logged). */
  async search(actor: Actor, input: MatchInput): Promise<{ candidates: MatchCandidate[] }> {
    return this.tx.run(async (m) => {
      await this.audit.record(m, {
        actor,
        action: 'child.search',
        subjectType: 'Child',
        fields: ['operational'],
      });
      return { candidates: await this.present(m, actor, await this.find(m, input)) };
    });
  }
}
