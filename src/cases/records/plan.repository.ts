import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Agency } from '../../directory/agency.entity';
import { defineCursor } from '../../common/paging/cursor';
import { Page, pageLimit, pageOf } from '../../common/paging/page';
import { CasePlan } from './case-plan.entity';

const PLANS_CURSOR = defineCursor('case.plans', ['int']);

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

  /** A page of the case's plan versions, newest first (planNumber is unique per case). */
  async list(
    m: EntityManager,
    caseId: string,
    page: { cursor?: string; limit?: number },
  ): Promise<Page<CasePlan>> {
    const after = PLANS_CURSOR.decode(page.cursor);
    const limit = pageLimit(page);
    const qb = m.createQueryBuilder(CasePlan, 'p').where('p.case_id = :caseId', { caseId });
    if (after) qb.andWhere('p.plan_number < :n', { n: after[0] });
    const rows = await qb
      .orderBy('p.plan_number', 'DESC')
      .limit(limit + 1)
      .getMany();
    return pageOf(rows, limit, (last) => PLANS_CURSOR.encode(String(last.planNumber)));
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
