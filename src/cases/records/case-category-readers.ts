import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AssessmentRepository } from './assessment.repository';
import { CaseDataService } from '../case-data.service';
import { CaseFile } from '../case-file.entity';
import { PlanGoal } from './case-plan.entity';
import { goalsOfCategory } from './plan-goal-categories';
import { PlanRepository } from './plan.repository';

const someOrUndefined = <T>(list: T[]) => (list.length ? list : undefined);

/**
 * Category readers for referral snapshots (config/vocabularies/data-categories.yaml): what this
 * module stores that belongs to each category. Only approved assessments and the approved plan
 * travel; drafts never do. Plan goals go by their dimension's category, so psychosocial and
 * safety goals travel only when their sensitive category does, never as plain `case_plan`. The
 * child tells the story once: the recipient reads these instead of interviewing again.
 */
@Injectable()
export class CaseCategoryReaders implements OnModuleInit {
  constructor(
    private readonly data: CaseDataService,
    private readonly assessments: AssessmentRepository,
    private readonly plans: PlanRepository,
  ) {}

  onModuleInit(): void {
    const approved = (m: EntityManager, caseId: string) => this.assessments.approved(m, caseId);
    const approvedPlan = (m: EntityManager, caseId: string) => this.plans.approved(m, caseId);
    /** The approved plan's goals of one data category (by dimension, plan-goal-categories.ts). */
    const planGoals = async (m: EntityManager, caseId: string, category: string): Promise<PlanGoal[]> =>
      goalsOfCategory((await approvedPlan(m, caseId))?.goals ?? [], category);

    this.data.register('assessments', async (m, c) =>
      someOrUndefined(
        (await approved(m, c.id)).map((a) => ({
          type: a.type,
          conductedAt: a.conductedAt,
          riskRating: a.riskRating,
          findings: a.findings,
          summary: a.summary,
        })),
      ),
    );
    this.data.register('psychosocial', async (m, c) => {
      const findings = (await approved(m, c.id)).flatMap((a) =>
        a.findings
          .filter((f) => a.type === 'psychosocial' || f.domain === 'psychosocial')
          .map((f) => ({ assessmentType: a.type, conductedAt: a.conductedAt, ...f })),
      );
      const goals = await planGoals(m, c.id, 'psychosocial');
      return findings.length || goals.length ? { findings, goals } : undefined;
    });
    this.data.register('protection_concerns', async (m, c: CaseFile) => {
      const goals = await planGoals(m, c.id, 'protection_concerns');
      return c.protectionConcerns.length || goals.length
        ? { protectionConcerns: c.protectionConcerns, goals }
        : undefined;
    });
    this.data.register('case_plan', async (m, c) => {
      const plan = await approvedPlan(m, c.id);
      return plan
        ? {
            planNumber: plan.planNumber,
            approvedAt: plan.review.reviewedAt,
            goals: goalsOfCategory(plan.goals, 'case_plan'),
          }
        : undefined;
    });
    this.data.register('education', async (m, c) => {
      const findings = (await approved(m, c.id)).flatMap((a) =>
        a.findings.filter((f) => f.domain === 'education').map((f) => ({ conductedAt: a.conductedAt, ...f })),
      );
      const goals = ((await approvedPlan(m, c.id))?.goals ?? []).filter(
        (g) => g.dimension === 'economic_education',
      );
      return findings.length || goals.length ? { findings, goals } : undefined;
    });
  }
}
