import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Assessment } from './assessment.entity';
import { CaseDataService } from './case-data.service';
import { CaseFile } from './case-file.entity';
import { CasePlan } from './case-plan.entity';

const approved = (m: EntityManager, caseId: string) =>
  m.find(Assessment, { where: { caseId, status: 'approved' }, order: { conductedAt: 'ASC' } });

const someOrUndefined = <T>(list: T[]) => (list.length ? list : undefined);

/**
 * Category readers for referral snapshots (config/vocabularies/data-categories.yaml): what this
 * module stores that belongs to each category. Only approved assessments and the approved plan
 * travel; drafts never do. The child tells the story once: the recipient reads these instead of
 * interviewing again.
 */
@Injectable()
export class CaseCategoryReaders implements OnModuleInit {
  constructor(private readonly data: CaseDataService) {}

  onModuleInit(): void {
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
    this.data.register('psychosocial', async (m, c) =>
      someOrUndefined(
        (await approved(m, c.id)).flatMap((a) =>
          a.findings
            .filter((f) => a.type === 'psychosocial' || f.domain === 'psychosocial')
            .map((f) => ({ assessmentType: a.type, conductedAt: a.conductedAt, ...f })),
        ),
      ),
    );
    this.data.register('protection_concerns', async (_m, c: CaseFile) =>
      c.protectionConcerns.length ? { protectionConcerns: c.protectionConcerns } : undefined,
    );
    this.data.register('case_plan', async (m, c) => {
      const plan = await m.findOne(CasePlan, { where: { caseId: c.id, status: 'approved' } });
      return plan
        ? { planNumber: plan.planNumber, approvedAt: plan.reviewedAt, goals: plan.goals }
        : undefined;
    });
    this.data.register('education', async (m, c) => {
      const findings = (await approved(m, c.id)).flatMap((a) =>
        a.findings.filter((f) => f.domain === 'education').map((f) => ({ conductedAt: a.conductedAt, ...f })),
      );
      const plan = await m.findOne(CasePlan, { where: { caseId: c.id, status: 'approved' } });
      const goals = plan?.goals.filter((g) => g.dimension === 'economic_education') ?? [];
      return findings.length || goals.length ? { findings, goals } : undefined;
    });
  }
}
