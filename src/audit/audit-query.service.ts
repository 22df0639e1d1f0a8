import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { AuthzService } from '../authz/authz.service';
import { CommonErrors } from '../common/errors/common.errors';
import { AuditEntry } from '../audit-trail/audit-entry.entity';
import { verifyChain, ChainVerdict } from './audit-chain.verifier';
import { AuditService } from '../audit-trail/audit.service';
import { AuditFilter, AuditRepository, Page } from './audit.repository';
import { AuditQueryDto, MAX_PAGE } from './dto/audit-query.dto';

export interface AuditPage<T> {
  items: T[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** One line of a case's access log: who read or changed the case, never what they saw. */
export interface CaseAccess {
  /** Insertion id: the order of the log and its cursor. */
  id: string;
  /** Chain position, null until the sequencer has sealed the entry. */
  seq: string | null;
  occurredAt: Date;
  actorUserId: string | null;
  actorRole: string | null;
  actorAgencyId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  outcome: string;
  fields: string[];
  purpose: string | null;
}

const FILTERS = [
  'subjectType',
  'subjectId',
  'caseId',
  'actorUserId',
  'action',
  'outcome',
  'from',
  'to',
] as const;

function pageOf<T extends { id: string }>(rows: T[], limit: number): AuditPage<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  return { items, nextCursor: more ? items[items.length - 1].id : null };
}

function limitOf(limit: number | undefined): number {
  return Math.min(Math.max(limit ?? 50, 1), MAX_PAGE);
}

/** The auditor's reads of the trail (each one audited) and the case access log for other modules. */
@Injectable()
export class AuditQueryService {
  constructor(
    private readonly entries: AuditRepository,
    private readonly authz: AuthzService,
    private readonly audit: AuditService,
  ) {}

  async search(actor: Actor, q: AuditQueryDto): Promise<AuditPage<AuditEntry>> {
    const from = q.from ? new Date(q.from) : undefined;
    const to = q.to ? new Date(q.to) : undefined;
    if (from && to && from >= to)
      throw CommonErrors.VALIDATION_FAILED({}, [
        {
          field: 'to',
          code: 'afterFrom',
          message: { es: 'Debe ser posterior a "from".', en: 'Must be later than "from".' },
        },
      ]);
    const filter: AuditFilter = { ...q, from, to };
    const limit = limitOf(q.limit);
    const rows = await this.entries.search(this.authz.ability(actor), filter, {
      cursor: q.cursor,
      limit: limit + 1,
    });
    // Recorded after the query, so a page never lists its own read. The filters are named, not
    // their values, and the entry is not tied to a case: the auditor saw no case content.
    await this.audit.recordAlone({
      actor,
      action: 'audit.read',
      subjectType: 'AuditEntry',
      fields: FILTERS.filter((f) => q[f] !== undefined),
    });
    return pageOf(rows, limit);
  }

  async verify(actor: Actor): Promise<ChainVerdict> {
    const unsealed = await this.entries.unsealed();
    const verdict = await verifyChain((after, n) => this.entries.chainLinks(after, n), 5000, {
      unsealed,
      entryAt: (seq) => this.entries.chainEntry(seq),
    });
    await this.audit.recordAlone({
      actor,
      action: 'audit.read',
      subjectType: 'AuditChain',
      purpose: 'chain verification',
      outcome: 'allowed',
    });
    return verdict;
  }

  /**
   * Who read or changed a case (and who was denied), newest first: for `GET
   * /api/v1/cases/:id/access-log`. No authorization and no audit here: the caller checks that
   * its actor may see the log and records that it was read.
   */
  async accessLogForCase(caseId: string, page: Partial<Page> = {}): Promise<AuditPage<CaseAccess>> {
    const limit = limitOf(page.limit);
    const rows = await this.entries.forCase(caseId, { cursor: page.cursor, limit: limit + 1 });
    const view = rows.map((e): CaseAccess => ({
      id: e.id,
      seq: e.seq,
      occurredAt: e.occurredAt,
      actorUserId: e.actorUserId,
      actorRole: e.actorRole,
      actorAgencyId: e.actorAgencyId,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      outcome: e.outcome,
      fields: e.fields,
      purpose: e.purpose,
    }));
    return pageOf(view, limit);
  }
}
