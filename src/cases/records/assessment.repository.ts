import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { defineCursor } from '../../common/paging/cursor';
import { Page, pageLimit, pageOf } from '../../common/paging/page';
import { isoMicros } from '../../database/keyset';
import { Assessment } from './assessment.entity';

const ASSESSMENTS_CURSOR = defineCursor('case.assessments', ['instant', 'uuid']);

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

  /** A page of the case's assessments, oldest first (created_at comes from now(): microseconds). */
  async list(
    m: EntityManager,
    caseId: string,
    page: { cursor?: string; limit?: number },
  ): Promise<Page<Assessment>> {
    const after = ASSESSMENTS_CURSOR.decode(page.cursor);
    const limit = pageLimit(page);
    const qb = m
      .createQueryBuilder(Assessment, 'a')
      .addSelect(isoMicros('a.created_at'), 'page_key')
      .where('a.case_id = :caseId', { caseId });
    if (after)
      qb.andWhere('(a.created_at, a.id) > (:at::timestamptz, :id::uuid)', { at: after[0], id: after[1] });
    const { entities, raw } = await qb
      .orderBy('a.created_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(limit + 1)
      .getRawAndEntities<{ page_key: string }>();
    const rows = entities.map((a, i) => ({ a, key: raw[i].page_key }));
    const p = pageOf(rows, limit, (last) => ASSESSMENTS_CURSOR.encode(last.key, last.a.id));
    return { items: p.items.map((r) => r.a), nextCursor: p.nextCursor };
  }

  /** The case's approved assessments, in the order they were conducted. */
  approved(m: EntityManager, caseId: string): Promise<Assessment[]> {
    return m.find(Assessment, { where: { caseId, status: 'approved' }, order: { conductedAt: 'ASC' } });
  }
}
