import { Injectable } from '@nestjs/common';
import { PageQuery } from '../../common/paging/page-query.dto';
import { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { AuditService } from '../../audit-trail/audit.service';
import { Clock } from '../../common/clock';
import { DomainEvents } from '../../common/domain-events';
import { CommonErrors } from '../../common/errors/common.errors';
import { TransactionRunner } from '../../database/transaction-runner';
import { Assessment } from './assessment.entity';
import { CaseFile } from '../case-file.entity';
import { assertVersion, CaseAccess } from '../case-access';
import { CaseDueDates } from '../case-due-dates';
import { CaseErrors, issue } from '../case.errors';
import { CasePhaseService } from '../case-phase.service';
import { Vocabularies } from '../../vocabularies/vocabularies.service';
import { CasesRepository } from '../cases.repository';
import { AssessmentRepository } from './assessment.repository';
import { PlanRepository } from './plan.repository';
import { applyReview, assertReviewComment, markSubmitted, reviewStatus } from './supervisor-review';
import {
  AssessmentContentDto,
  CreateAssessmentDto,
  ReviewDto,
  UpdateAssessmentDto,
} from './case-records.dto';

/**
 * Assessments: drafted and submitted by the case team, approved or returned (with comments) by
 * the supervisor. Approval sets the case's risk level to the assessment's rating
 * (`case.riskChanged` when it changes), clears the assessment due date, sets the case plan due
 * date from policy, and publishes `assessment.approved`.
 */
@Injectable()
export class CaseAssessmentService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly access: CaseAccess,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly vocab: Vocabularies,
    private readonly due: CaseDueDates,
    private readonly phases: CasePhaseService,
    private readonly cases: CasesRepository,
    private readonly assessments: AssessmentRepository,
    private readonly plans: PlanRepository,
  ) {}

  private validate(dto: AssessmentContentDto, conductedAt?: string): void {
    const issues = this.vocab
      .check(
        'assessment-domains',
        'findings',
        dto.findings.map((f) => f.domain),
      )
      .map((i) => ({ ...i, field: `${i.field}.domain` }));
    if (conductedAt && new Date(conductedAt) > this.clock.now())
      issues.push(
        issue('conductedAt', 'maxDate', 'La fecha no puede ser futura.', 'The date cannot be in the future.'),
      );
    if (issues.length) throw CommonErrors.VALIDATION_FAILED({}, issues);
  }

  create(actor: Actor, caseId: string, dto: CreateAssessmentDto) {
    return this.tx.run(async (m) => {
      const c = await this.access.load(m, actor, caseId, 'assess', {
        open: true,
        audit: 'assessment.create',
      });
      this.validate(dto, dto.conductedAt);
      const a = await this.assessments.create(m, {
        caseId: c.id,
        type: dto.type,
        findings: dto.findings,
        riskRating: dto.riskRating,
        summary: dto.summary ?? null,
        conductedAt: new Date(dto.conductedAt),
        authorId: actor.userId,
      });
      await this.write(m, actor, a, 'assessment.create');
      return a;
    });
  }

  update(actor: Actor, caseId: string, id: string, dto: UpdateAssessmentDto) {
    return this.tx.run(async (m) => {
      await this.access.load(m, actor, caseId, 'assess', { open: true, audit: 'assessment.update' });
      this.validate(dto);
      const a = await this.find(m, caseId, id, dto.version, ['draft', 'returned']);
      Object.assign(a, { findings: dto.findings, riskRating: dto.riskRating, summary: dto.summary ?? null });
      const saved = await this.assessments.save(m, a);
      await this.write(m, actor, saved, 'assessment.update');
      return saved;
    });
  }

  submit(actor: Actor, caseId: string, id: string, version: number) {
    return this.tx.run(async (m) => {
      await this.access.load(m, actor, caseId, 'assess', { open: true, audit: 'assessment.submit' });
      const a = await this.find(m, caseId, id, version, ['draft', 'returned']);
      markSubmitted(a, this.clock.now());
      const saved = await this.assessments.save(m, a);
      await this.write(m, actor, saved, 'assessment.submit');
      return saved;
    });
  }

  review(actor: Actor, caseId: string, id: string, dto: ReviewDto) {
    return this.tx.run(async (m) => {
      assertReviewComment(dto);
      const c = await this.access.load(m, actor, caseId, 'approve', {
        open: true,
        lock: true,
        audit: `assessment.${reviewStatus(dto)}`,
      });
      const a = await this.find(m, caseId, id, dto.version, ['submitted']);
      const now = this.clock.now();
      applyReview(a, dto, actor.userId, now);
      const saved = await this.assessments.save(m, a);
      await this.write(m, actor, saved, `assessment.${a.status}`);
      if (a.status === 'approved') await this.applyApproval(m, actor, c, a, now);
      return saved;
    });
  }

  private async applyApproval(m: EntityManager, actor: Actor, c: CaseFile, a: Assessment, now: Date) {
    const from = c.riskLevel;
    c.riskLevel = a.riskRating;
    c.assessmentDueAt = null;
    c.assessmentDueExplain = null;
    if (!(await this.plans.hasApproved(m, c.id))) {
      const plan = this.due.casePlan(c.countryCode, c.riskLevel, now, c.returnedAt);
      c.planDueAt = plan.at;
      c.planDueExplain = plan.explain;
    }
    const saved = await this.cases.save(m, c);
    await this.phases.autoAdvance(m, actor, saved, 'assessment_approved');
    if (from !== a.riskRating)
      await this.events.publish(m, 'case.riskChanged', { caseId: c.id, from, to: a.riskRating });
    await this.events.publish(m, 'assessment.approved', { caseId: c.id, assessmentId: a.id });
  }

  list(actor: Actor, caseId: string, q: PageQuery) {
    return this.tx.run(async (m) => {
      await this.access.load(m, actor, caseId, 'readRecords', { audit: 'assessment.list' });
      const page = await this.assessments.list(m, caseId, q);
      await this.audit.record(m, {
        actor,
        action: 'assessment.list',
        subjectType: 'Assessment',
        caseId,
        fields: ['operational', 'sensitive'],
      });
      return page;
    });
  }

  private async find(m: EntityManager, caseId: string, id: string, version: number, states: string[]) {
    const a = await this.assessments.findForUpdate(m, caseId, id);
    if (!a) throw CaseErrors.RECORD_NOT_FOUND();
    assertVersion(a.version, version);
    if (!states.includes(a.status)) throw CaseErrors.INVALID_STATE({ status: a.status });
    return a;
  }

  private write(m: EntityManager, actor: Actor, a: Assessment, action: string) {
    return this.audit.record(m, {
      actor,
      action,
      subjectType: 'Assessment',
      subjectId: a.id,
      caseId: a.caseId,
      fields: ['operational', 'sensitive'],
    });
  }
}
