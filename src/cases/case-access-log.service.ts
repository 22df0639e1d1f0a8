import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { AuditQueryService } from '../audit/audit-query.service';
import { AuditService } from '../audit-trail/audit.service';
import { auditAction } from '../authz/audit-action';
import { TransactionRunner } from '../database/transaction-runner';
import { CaseAccess } from './case-access';
import { PageQuery } from '../common/paging/page-query.dto';

/**
 * "Who has seen this child's record": the audit entries of a case (reads, writes, denials),
 * newest first. Reading the log is itself recorded.
 */
@Injectable()
export class CaseAccessLogService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: CaseAccess,
    private readonly auditLog: AuditQueryService,
    private readonly audit: AuditService,
  ) {}

  log(actor: Actor, caseId: string, q: PageQuery) {
    return this.tx.run(async (m) => {
      await this.access.load(m, actor, caseId, 'viewAccessLog');
      const page = await this.auditLog.accessLogForCase(caseId, q, m);
      await this.audit.record(m, {
        actor,
        action: auditAction('Case', 'viewAccessLog'),
        subjectType: 'Case',
        subjectId: caseId,
        caseId,
        fields: ['operational'],
      });
      // The audit API's own field names (occurredAt, actorUserId…), so a line reads the same in both.
      return page;
    });
  }
}
