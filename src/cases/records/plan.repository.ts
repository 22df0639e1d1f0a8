import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Agency } from '../../directory/agency.entity';
import { CasePlan } from './case-plan.entity';

/** Queries on case plans; the plan service stays free of SQL. */
@Injectable()
export class PlanRepository {
  /** Which of these agency ids exist (responsible agencies of plan actions). */
  async knownAgencyIds(m: EntityManager, ids: string[]): Promise<Set<string>> {
    const found = await m.find(Agency, { where: { id: In(ids) }, select: { id: true } });
    return new Set(found.map((a) => a.id));
  }

  /** The case's next plan number; the caller holds the case row lock, which serializes numbering. */
  async nextPlanNumber(m: EntityManager, caseId: string): Promise<number> {
    const [{ n }] = await m.query(
      'SELECT coalesce(max(plan_number), 0)::int + 1 AS n FROM case_plan WHERE case_id = $1',
      [caseId],
    );
    return n;
  }

  create(
    m: EntityManager,
    plan: Pick<CasePlan, 'caseId' | 'planNumber' | 'goals' | 'authorId'>,
  ): Promise<CasePlan> {
    return m.save(m.create(CasePlan, plan));
  }

  save(m: EntityManager, plan: CasePlan): Promise<CasePlan> {
    return m.save(plan);
  }

  /** Marks the case's approved plan superseded (before another one is approved). */
  async supersedeApproved(m: EntityManager, caseId: string): Promise<void> {
    await m.update(CasePlan, { caseId, status: 'approved' }, { status: 'superseded' });
  }

  /** The plan of this case, locked for update. */
  findForUpdate(m: EntityManager, caseId: string, id: string): Promise<CasePlan | null> {
    return m.findOne(CasePlan, { where: { id, caseId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The case's plans, newest number first. */
  list(m: EntityManager, caseId: string): Promise<CasePlan[]> {
    return m.find(CasePlan, { where: { caseId }, order: { planNumber: 'DESC' } });
  }

  /** Whether the case has an approved plan. */
  hasApproved(m: EntityManager, caseId: string): Promise<boolean> {
    return m.exists(CasePlan, { where: { caseId, status: 'approved' } });
  }

  /** The case's approved plan, if any. */
  approved(m: EntityManager, caseId: string): Promise<CasePlan | null> {
    return m.findOne(CasePlan, { where: { caseId, status: 'approved' } });
  }
}
