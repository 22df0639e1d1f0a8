import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { TransactionRunner } from '../database/transaction-runner';
import { CaseAccess } from './case-access.service';
import { CasesRepository } from './cases.repository';
import { PageQuery } from './dto/case-updates.dto';

/**
 * "Who has seen this child's record": the audit entries of a case (reads, writes, denials),
 * newest first. Reading the log is itself recorded.
 */
@Injectable()
export class CaseAccessLogService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: CaseAccess,
    private readonly cases: CasesRepository,
    private readonly audit: AuditService,
  ) {}

  log(actor: Actor, caseId: string, q: PageQuery) {
    return this.tx.run(async (m) => {
      await this.access.load(m, actor, caseId, 'viewAccessLog');
      const limit = q.limit ?? 50;
      const before = q.cursor && /^\d{1,19}$/.test(q.cursor) ? q.cursor : undefined;
      const rows = await this.cases.accessLog(m, caseId, before, limit);
      const page = rows.slice(0, limit);
      await this.audit.record(m, {
        actor,
        action: 'case.accessLog.read',
        subjectType: 'Case',
        subjectId: caseId,
        caseId,
        fields: ['operational'],
      });
      return {
        items: page.map((r) => ({
          seq: String(r.seq),
          at: r.occurred_at,
          actorUserId: r.actor_user_id,
          actorRole: r.actor_role,
          actorAgencyId: r.actor_agency_id,
          action: r.action,
          subjectType: r.subject_type,
          subjectId: r.subject_id,
          fields: r.fields,
          purpose: r.purpose,
          outcome: r.outcome,
        })),
        nextCursor: rows.length > limit ? String(page[page.length - 1].seq) : null,
      };
    });
  }
}
