import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Assessment } from './assessment.entity';

/** Queries on assessments; the assessment service stays free of SQL. */
@Injectable()
export class AssessmentRepository {
  create(
    m: EntityManager,
    a: Pick<
      Assessment,
      'caseId' | 'type' | 'findings' | 'riskRating' | 'summary' | 'conductedAt' | 'authorId'
    >,
  ): Promise<Assessment> {
    return m.save(m.create(Assessment, a));
  }

  save(m: EntityManager, a: Assessment): Promise<Assessment> {
    return m.save(a);
  }

  /** The assessment of this case, locked for update. */
  findForUpdate(m: EntityManager, caseId: string, id: string): Promise<Assessment | null> {
    return m.findOne(Assessment, { where: { id, caseId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The case's assessments, oldest first. */
  list(m: EntityManager, caseId: string): Promise<Assessment[]> {
    return m.find(Assessment, { where: { caseId }, order: { createdAt: 'ASC' } });
  }

  /** The case's approved assessments, in the order they were conducted. */
  approved(m: EntityManager, caseId: string): Promise<Assessment[]> {
    return m.find(Assessment, { where: { caseId, status: 'approved' }, order: { conductedAt: 'ASC' } });
  }
}
