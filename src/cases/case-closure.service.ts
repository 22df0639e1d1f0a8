import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { AuditService } from '../audit-trail/audit.service';
import { Clock } from '../common/clock';
import { DomainEvents } from '../common/domain-events';
import { TransactionRunner } from '../database/transaction-runner';
import { CaseFile } from './case-file.entity';
import { REOPEN_PHASE } from './case-phases';
import { CaseAccess } from './case-access';
import { CaseDueDates } from './case-due-dates';
import { CaseErrors, issue } from './case.errors';
import { CasePhaseService } from './case-phase.service';
import { CaseReadService } from './case-read.service';
import { CasesRepository } from './cases.repository';
import { CommonErrors } from '../common/errors/common.errors';
import {
  ClosureDecisionDto,
  ExtendSupportDto,
  VersionedReasonDto,
  RequestClosureDto,
} from './dto/case-updates.dto';

const commentRequired = issue(
  'comment',
  'isDefined',
  'Indique el motivo del rechazo.',
  'Say why it is rejected.',
);

/**
 * Closure (requested by the case team, approved by the supervisor), reopening, and the
 * exceptional extension of support past the age of majority.
 */
@Injectable()
export class CaseClosureService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly access: CaseAccess,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly phases: CasePhaseService,
    private readonly reads: CaseReadService,
    private readonly due: CaseDueDates,
    private readonly cases: CasesRepository,
  ) {}

  request(actor: Actor, caseId: string, dto: RequestClosureDto) {
    return this.tx.run(async (m) => {
      const c = await this.access.load(m, actor, caseId, 'requestClosure', {
        lock: true,
        open: true,
        version: dto.version,
        audit: 'case.closure.request',
      });
      if (await this.cases.hasPendingClosure(m, caseId)) throw CaseErrors.CLOSURE_PENDING();
      const closure = await this.cases.createClosure(m, {
        caseId: c.id,
        reason: dto.reason,
        notes: dto.notes ?? null,
        requestedBy: actor.userId,
        requestedAt: this.clock.now(),
      });
      await this.audit.record(m, {
        actor,
        action: 'case.closure.request',
        subjectType: 'CaseClosure',
        subjectId: closure.id,
        caseId: c.id,
        fields: ['operational'],
      });
      return closure;
    });
  }

  decide(actor: Actor, caseId: string, dto: ClosureDecisionDto) {
    return this.tx.run(async (m) => {
      if (dto.decision === 'reject' && !dto.comment)
        throw CommonErrors.VALIDATION_FAILED({}, [commentRequired]);
      const c = await this.access.load(m, actor, caseId, 'approve', {
        lock: true,
        open: true,
        version: dto.version,
        audit: `case.closure.${closureStatus(dto)}`,
      });
      const closure = await this.cases.pendingClosure(m, caseId);
      if (!closure) throw CaseErrors.NO_PENDING_CLOSURE();
      const now = this.clock.now();
      closure.status = closureStatus(dto);
      closure.decidedBy = actor.userId;
      closure.decidedAt = now;
      closure.decisionComment = dto.comment ?? null;
      await this.cases.saveClosure(m, closure);
      await this.audit.record(m, {
        actor,
        action: `case.closure.${closure.status}`,
        subjectType: 'CaseClosure',
        subjectId: closure.id,
        caseId: c.id,
        fields: ['operational'],
      });
      let saved: CaseFile = c;
      if (closure.status === 'approved') {
        c.status = 'closed';
        c.closedAt = now;
        c.closureReason = closure.reason;
        c.assessmentDueAt = null;
        c.assessmentDueExplain = null;
        c.planDueAt = null;
        c.planDueExplain = null;
        saved = await this.phases.record(m, actor, c, 'closed', `closure:${closure.reason}`);
        await this.events.publish(m, 'case.closed', { caseId: c.id, reason: closure.reason });
      }
      return { closure, case: await this.reads.viewAndAudit(m, actor, saved, 'case.read') };
    });
  }

  reopen(actor: Actor, caseId: string, dto: VersionedReasonDto) {
    return this.tx.run(async (m) => {
      const c = await this.access.load(m, actor, caseId, 'reopen', { lock: true, version: dto.version });
      if (c.status !== 'closed') throw CaseErrors.CASE_NOT_CLOSED();
      const now = this.clock.now();
      const due = this.due.initialAssessment(c.countryCode, c.riskLevel, now);
      c.status = 'open';
      c.closedAt = null;
      c.closureReason = null;
      c.assessmentDueAt = due.at;
      c.assessmentDueExplain = due.explain;
      const saved = await this.phases.record(m, actor, c, REOPEN_PHASE, `reopened: ${dto.reason}`);
      await this.events.publish(m, 'case.reopened', { caseId: c.id });
      return this.reads.viewAndAudit(m, actor, saved, 'case.read');
    });
  }

  /** Supervisor-approved support past the age of majority, up to the policy's extensionMaxAge. */
  extend(actor: Actor, caseId: string, dto: ExtendSupportDto) {
    return this.tx.run(async (m) => {
      const c = await this.access.load(m, actor, caseId, 'extend', {
        lock: true,
        open: true,
        version: dto.version,
      });
      const child = await this.cases.childRecord(m, c);
      if (!child.dateOfBirth) throw CaseErrors.EXTENSION_NOT_ALLOWED({ maxAge: '?', limit: '?' });
      const limit = this.due.extensionLimit(c.countryCode, child.dateOfBirth);
      if (dto.until > limit.on || (c.ageOfMajorityOn && dto.until <= c.ageOfMajorityOn))
        throw CaseErrors.EXTENSION_NOT_ALLOWED({ maxAge: limit.maxAge, limit: limit.on });
      c.extendedUntil = dto.until;
      const saved = await this.cases.save(m, c);
      await this.audit.record(m, {
        actor,
        action: 'case.extend',
        subjectType: 'Case',
        subjectId: c.id,
        caseId: c.id,
        fields: ['operational'],
        purpose: 'age_of_majority_extension',
      });
      return this.reads.viewAndAudit(m, actor, saved, 'case.read');
    });
  }
}

/** The status a closure decision leads to (also the verb of its audit entry). */
function closureStatus(dto: ClosureDecisionDto): 'approved' | 'rejected' {
  return dto.decision === 'approve' ? 'approved' : 'rejected';
}
