import { EntityManager } from 'typeorm';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { auditAction } from '../authz/audit-action';
import { AuthzService } from '../authz/authz.service';
import { CommonErrors } from '../common/errors/common.errors';
import { AuditEntry } from '../audit-trail/audit-entry.entity';
import { verifyChain, ChainVerdict } from './audit-chain.verifier';
import { AuditService } from '../audit-trail/audit.service';
import { defineCursor } from '../common/paging/cursor';
import { Page, pageLimit, pageOf } from '../common/paging/page';
import { AuditFilter, AuditRepository } from './audit.repository';
import { AuditQueryDto } from './dto/audit-query.dto';

/** Both lists are newest first by insertion id (present on every row, sealed or not). */
const AUDIT_ENTRIES_CURSOR = defineCursor('audit-entries', ['int']);
const CASE_ACCESS_LOG_CURSOR = defineCursor('case-access-log', ['int']);

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

/** The auditor's reads of the trail (each one audited) and the case access log for other modules. */
@Injectable()
export class AuditQueryService {
  constructor(
    private readonly entries: AuditRepository,
    private readonly authz: AuthzService,
    private readonly audit: AuditService,
  ) {}

  async search(actor: Actor, q: AuditQueryDto): Promise<Page<AuditEntry>> {
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
    const after = AUDIT_ENTRIES_CURSOR.decode(q.cursor);
    const filter: AuditFilter = { ...q, from, to };
    const limit = pageLimit(q);
    const rows = await this.entries.search(this.authz.ability(actor), filter, {
      beforeId: after?.[0],
      limit: limit + 1,
    });
    // Recorded after the query, so a page never lists its own read. The filters are named, not
    // their values, and the entry is not tied to a case: the auditor saw no case content.
    await this.audit.recordAlone({
      actor,
      action: auditAction('AuditEntry', 'list'),
      subjectType: 'AuditEntry',
      fields: FILTERS.filter((f) => q[f] !== undefined),
    });
    return pageOf(rows, limit, (last) => AUDIT_ENTRIES_CURSOR.encode(last.id));
  }

  async verify(actor: Actor): Promise<ChainVerdict> {
    const unsealed = await this.entries.unsealed();
    const verdict = await verifyChain((after, n) => this.entries.chainLinks(after, n), 5000, {
      unsealed,
      entryAt: (seq) => this.entries.chainEntry(seq),
    });
    await this.audit.recordAlone({
      actor,
      action: auditAction('AuditChain', 'verify'),
      subjectType: 'AuditChain',
      purpose: 'chain verification',
      outcome: 'allowed',
    });
    return verdict;
  }

  /**
   * Who read or changed a case (and who was denied), newest first: for `GET
   * /api/v1/cases/:id/access-log`. No authorization and no audit here: the caller checks that
   * its actor may see the log and records that it was read. `cursor` is the client's (a bad one
   * is the paging 400), `limit` already validated.
   */
  /**
   * `manager`: the caller's transaction. Pass it when calling inside one: with one database
   * session (PGlite, the demo), a query on a second connection waits for that transaction forever.
   */
  async accessLogForCase(
    caseId: string,
    page: { cursor?: string; limit?: number } = {},
    manager?: EntityManager,
  ): Promise<Page<CaseAccess>> {
    const after = CASE_ACCESS_LOG_CURSOR.decode(page.cursor);
    const limit = pageLimit(page);
    const rows = await this.entries.forCase(caseId, { beforeId: after?.[0], limit: limit + 1 }, manager);
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
    return pageOf(view, limit, (last) => CASE_ACCESS_LOG_CURSOR.encode(last.id));
  }
}
