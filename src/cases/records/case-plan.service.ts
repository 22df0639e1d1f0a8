import { Injectable } from '@nestjs/common';
import { PageQuery } from '../../common/paging/page-query.dto';
import { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { AuditService } from '../../audit-trail/audit.service';
import { Clock } from '../../common/clock';
import { CommonErrors } from '../../common/errors/common.errors';
import { TransactionRunner } from '../../database/transaction-runner';
import { CasePlan } from './case-plan.entity';
import { assertVersion, CaseAccess } from '../case-access';
import { CaseErrors, issue } from '../case.errors';
import { CasePhaseService } from '../case-phase.service';
import { CasesRepository } from '../cases.repository';
import { PlanRepository } from './plan.repository';
import { PlanContentDto, ReviewDto, UpdatePlanDto } from './case-records.dto';
import { applyReview, assertReviewComment, markSubmitted, reviewStatus } from './supervisor-review';

/**
 * Case plans with versions: each new plan is a new numbered row; approving one supersedes the
 * previously approved plan (kept, marked superseded), clears the plan due date and moves the case
 * to implementation.
 */
@Injectable()
export class CasePlanService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly access: CaseAccess,
    private readonly audit: AuditService,
    private readonly phases: CasePhaseService,
    private readonly cases: CasesRepository,
    private readonly plans: PlanRepository,
  ) {}

  private async validate(m: EntityManager, dto: PlanContentDto): Promise<void> {
    const ids = [...new Set(dto.goals.flatMap((g) => g.actions.map((a) => a.responsibleAgencyId)))];
    const known = await this.plans.knownAgencyIds(m, ids);
    const issues = dto.goals.flatMap((g, gi) =>
      g.actions
        .map((a, ai) => ({ a, ai }))
        .filter(({ a }) => !known.has(a.responsibleAgencyId))
        .map(({ ai }) =>
          issue(
            `goals.${gi}.actions.${ai}.responsibleAgencyId`,
            'unknownAgency',
            'Agencia desconocida.',
            'Unknown agency.',
          ),
        ),
    );
    if (issues.length) throw CommonErrors.VALIDATION_FAILED({}, issues);
  }

  create(actor: Actor, caseId: string, dto: PlanContentDto) {
    return this.tx.run(async (m) => {
      // The case row lock serializes plan numbering.
      const c = await this.access.load(m, actor, caseId, 'plan', {
        open: true,
        lock: true,
        audit: 'casePlan.create',
      });
      await this.validate(m, dto);
      const n = await this.plans.nextPlanNumber(m, c.id);
      const plan = await this.plans.create(m, {
        caseId: c.id,
        planNumber: n,
        goals: dto.goals,
        authorId: actor.userId,
      });
      await this.write(m, actor, plan, 'casePlan.create');
      return plan;
    });
  }

  update(actor: Actor, caseId: string, id: string, dto: UpdatePlanDto) {
    return this.tx.run(async (m) => {
      await this.access.load(m, actor, caseId, 'plan', { open: true, audit: 'casePlan.update' });
      await this.validate(m, dto);
      const plan = await this.find(m, caseId, id, dto.version, ['draft', 'returned']);
      plan.goals = dto.goals;
      const saved = await this.plans.save(m, plan);
      await this.write(m, actor, saved, 'casePlan.update');
      return saved;
    });
  }

  submit(actor: Actor, caseId: string, id: string, version: number) {
    return this.tx.run(async (m) => {
      await this.access.load(m, actor, caseId, 'plan', { open: true, audit: 'casePlan.submit' });
      const plan = await this.find(m, caseId, id, version, ['draft', 'returned']);
      markSubmitted(plan, this.clock.now());
      const saved = await this.plans.save(m, plan);
      await this.write(m, actor, saved, 'casePlan.submit');
      return saved;
    });
  }

  review(actor: Actor, caseId: string, id: string, dto: ReviewDto) {
    return this.tx.run(async (m) => {
      assertReviewComment(dto);
      const c = await this.access.load(m, actor, caseId, 'approve', {
        open: true,
        lock: true,
        audit: `casePlan.${reviewStatus(dto)}`,
      });
      const plan = await this.find(m, caseId, id, dto.version, ['submitted']);
      applyReview(plan, dto, actor.userId, this.clock.now());
      if (plan.status === 'approved') await this.plans.supersedeApproved(m, caseId);
      const saved = await this.plans.save(m, plan);
      await this.write(m, actor, saved, `casePlan.${plan.status}`);
      if (plan.status === 'approved') {
        c.planDueAt = null;
        c.planDueExplain = null;
        const updated = await this.cases.save(m, c);
        await this.phases.autoAdvance(m, actor, updated, 'plan_approved');
      }
      return saved;
    });
  }

  list(actor: Actor, caseId: string, q: PageQuery) {
    return this.tx.run(async (m) => {
      await this.access.load(m, actor, caseId, 'readRecords', { audit: 'casePlan.list' });
      const page = await this.plans.list(m, caseId, q);
      await this.audit.record(m, {
        actor,
        action: 'casePlan.list',
        subjectType: 'CasePlan',
        caseId,
        fields: ['operational'],
      });
      return page;
    });
  }

  private async find(m: EntityManager, caseId: string, id: string, version: number, states: string[]) {
    const plan = await this.plans.findForUpdate(m, caseId, id);
    if (!plan) throw CaseErrors.RECORD_NOT_FOUND();
    assertVersion(plan.version, version);
    if (!states.includes(plan.status)) throw CaseErrors.INVALID_STATE({ status: plan.status });
    return plan;
  }

  private write(m: EntityManager, actor: Actor, p: CasePlan, action: string) {
    return this.audit.record(m, {
      actor,
      action,
      subjectType: 'CasePlan',
      subjectId: p.id,
      caseId: p.caseId,
      fields: ['operational'],
    });
  }
}
