import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { AuditService } from '../audit-trail/audit.service';
import { Clock } from '../common/clock';
import { PageQuery } from '../common/paging/page-query.dto';
import { TransactionRunner } from '../database/transaction-runner';
import { CaseFile } from './case-file.entity';
import { CasesRepository } from './cases.repository';
import { AUTO_ADVANCE, canMove } from './case-phases';
import { CaseAccess } from './case-access';
import { CaseErrors } from './case.errors';
import { CaseReadService } from './case-read.service';
import { MovePhaseDto } from './dto/case-updates.dto';

/** Phase moves (declared in case-phases.ts) with their history. */
@Injectable()
export class CasePhaseService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly access: CaseAccess,
    private readonly audit: AuditService,
    private readonly reads: CaseReadService,
    private readonly cases: CasesRepository,
  ) {}

  move(actor: Actor, caseId: string, dto: MovePhaseDto) {
    return this.tx.run(async (m) => {
      const c = await this.access.load(m, actor, caseId, 'update', {
        lock: true,
        open: true,
        version: dto.version,
        audit: 'case.phase',
      });
      if (!canMove(c.phase, dto.to))
        throw CaseErrors.PHASE_TRANSITION_NOT_ALLOWED({ from: c.phase, to: dto.to });
      const saved = await this.record(m, actor, c, dto.to, dto.reason);
      return this.reads.viewAndAudit(m, actor, saved, 'case.read');
    });
  }

  /** Moves forward on its own when an approval completes the step the case is in. */
  async autoAdvance(
    m: EntityManager,
    actor: Actor,
    c: CaseFile,
    event: keyof typeof AUTO_ADVANCE,
  ): Promise<void> {
    const rule = AUTO_ADVANCE[event];
    if (c.status === 'open' && (rule.from as string[]).includes(c.phase))
      await this.record(m, actor, c, rule.to, event);
  }

  /** Sets the phase, writes the history row and the audit entry (the caller holds the row lock). */
  async record(m: EntityManager, actor: Actor, c: CaseFile, to: string, reason: string): Promise<CaseFile> {
    const from = c.phase;
    c.phase = to;
    const saved = await this.cases.save(m, c);
    await this.cases.recordPhase(m, {
      caseId: c.id,
      fromPhase: from,
      toPhase: to,
      reason,
      changedBy: actor.userId,
      changedAt: this.clock.now(),
    });
    await this.audit.record(m, {
      actor,
      action: 'case.phase',
      subjectType: 'Case',
      subjectId: c.id,
      caseId: c.id,
      fields: ['operational'],
    });
    return saved;
  }

  history(actor: Actor, caseId: string, q: PageQuery) {
    return this.tx.run(async (m) => {
      await this.access.load(m, actor, caseId, 'readRecords', { audit: 'case.phaseHistory.read' });
      const page = await this.cases.phaseHistory(m, caseId, q);
      await this.audit.record(m, {
        actor,
        action: 'case.phaseHistory.read',
        subjectType: 'Case',
        subjectId: caseId,
        caseId,
        fields: ['operational'],
      });
      return page;
    });
  }
}
