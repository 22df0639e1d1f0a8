import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { AppAbility } from '../authz/ability';
import { applyAbility } from '../authz/casl-sql';
import { AppUser } from '../directory/app-user.entity';
import { CaseClosure } from './case-closure.entity';
import { CaseFile } from './case-file.entity';
import { CasePhaseChange } from './case-phase-change.entity';
import type { ChildData } from './child-data';
import { Child } from './child.entity';
import { childRecordOf } from './child-record';
import { LinkedChildRecord } from './linked-child-record.entity';
import { ReceptionEvent } from './reception-event.entity';
import { defineCursor } from '../common/paging/cursor';
import { Page, pageLimit, pageOf } from '../common/paging/page';
import { isoMicros } from '../database/keyset';

const PHASE_HISTORY_CURSOR = defineCursor('case.phase-history', ['instant', 'instant', 'uuid']);

export interface CaseListFilters {
  phase?: string;
  riskLevel?: string;
  agencyId?: string;
  openedFrom?: Date;
  openedTo?: Date;
  overdue?: boolean;
  after?: { openedAt: Date; id: string };
  limit: number;
}

/** The columns case policy conditions may name, for applyAbility. */
export const CASE_COLUMNS = {
  id: 'c.id',
  agencyId: 'c.agency_id',
  assignedUserId: 'c.assigned_user_id',
  countryCode: 'c.country_code',
};

/** Queries on cases; services stay free of SQL. */
@Injectable()
export class CasesRepository {
  /** A user (an assignee to check). */
  user(m: EntityManager, id: string): Promise<AppUser | null> {
    return m.findOne(AppUser, { where: { id } });
  }

  /** One row of the case's phase history. */
  async recordPhase(m: EntityManager, change: Partial<CasePhaseChange>): Promise<void> {
    await m.insert(CasePhaseChange, change);
  }

  /** A page of the case's phase changes, oldest first (recorded_at has microseconds: clock_timestamp()). */
  async phaseHistory(
    m: EntityManager,
    caseId: string,
    page: { cursor?: string; limit?: number },
  ): Promise<Page<CasePhaseChange>> {
    const after = PHASE_HISTORY_CURSOR.decode(page.cursor);
    const limit = pageLimit(page);
    const qb = m
      .createQueryBuilder(CasePhaseChange, 'h')
      .addSelect(isoMicros('h.recorded_at'), 'page_key')
      .where('h.case_id = :caseId', { caseId });
    if (after)
      qb.andWhere(
        '(h.changed_at, h.recorded_at, h.id) > (:changed::timestamptz, :recorded::timestamptz, :id::uuid)',
        {
          changed: after[0],
          recorded: after[1],
          id: after[2],
        },
      );
    const { entities, raw } = await qb
      .orderBy('h.changed_at', 'ASC')
      .addOrderBy('h.recorded_at', 'ASC')
      .addOrderBy('h.id', 'ASC')
      .limit(limit + 1)
      .getRawAndEntities<{ page_key: string }>();
    const rows = entities.map((h, i) => ({ h, key: raw[i].page_key }));
    const p = pageOf(rows, limit, (last) =>
      PHASE_HISTORY_CURSOR.encode(last.h.changedAt, last.key, last.h.id),
    );
    return { items: p.items.map((r) => r.h), nextCursor: p.nextCursor };
  }

  /** The closure request waiting for the supervisor, if any. */
  pendingClosure(m: EntityManager, caseId: string): Promise<CaseClosure | null> {
    return m.findOne(CaseClosure, { where: { caseId, status: 'requested' } });
  }

  hasPendingClosure(m: EntityManager, caseId: string): Promise<boolean> {
    return m.exists(CaseClosure, { where: { caseId, status: 'requested' } });
  }

  createClosure(m: EntityManager, closure: Partial<CaseClosure>): Promise<CaseClosure> {
    return m.save(m.create(CaseClosure, closure));
  }

  saveClosure(m: EntityManager, closure: CaseClosure): Promise<CaseClosure> {
    return m.save(closure);
  }

  /** Saves the case file. */
  save(m: EntityManager, c: CaseFile): Promise<CaseFile> {
    return m.save(CaseFile, c);
  }

  find(m: EntityManager, id: string, lock = false): Promise<CaseFile | null> {
    return m.findOne(CaseFile, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' } } : {}) });
  }

  /** What this case recorded about the child (see childRecordOf). */
  childRecord(m: EntityManager, c: CaseFile): Promise<ChildData> {
    return childRecordOf(m, c);
  }

  latestReception(m: EntityManager, caseId: string): Promise<ReceptionEvent | null> {
    return m.findOne(ReceptionEvent, { where: { caseId }, order: { receivedAt: 'DESC' } });
  }

  /** The child's cases (a child returned again keeps one identity and several cases). */
  childCases(m: EntityManager, childId: string): Promise<CaseFile[]> {
    return m.find(CaseFile, { where: { childId }, order: { openedAt: 'ASC' } });
  }

  /** The cases of several children, newest first. */
  casesOfChildren(m: EntityManager, childIds: string[]): Promise<CaseFile[]> {
    if (!childIds.length) return Promise.resolve([]);
    return m.find(CaseFile, { where: { childId: In(childIds) }, order: { openedAt: 'DESC', id: 'DESC' } });
  }

  async interviewCount(m: EntityManager, childId: string): Promise<number> {
    const [row] = await m.query('SELECT count(*)::int AS n FROM interview WHERE child_id = $1', [childId]);
    return row.n;
  }

  /**
   * One keyset page of the cases the ability lets the caller list (the rules become SQL),
   * newest first. Returns limit + 1 rows so the caller knows whether there is a next page.
   */
  list(
    m: EntityManager,
    ability: AppAbility,
    f: CaseListFilters,
    now: Date,
  ): Promise<{ c: CaseFile; ch: ChildData }[]> {
    const qb = m
      .createQueryBuilder(CaseFile, 'c')
      .innerJoinAndMapOne('c.child', Child, 'ch', 'ch.id = c.child_id')
      .leftJoinAndMapOne('c.linkedRecord', LinkedChildRecord, 'lr', 'lr.case_id = c.id')
      .orderBy('c.opened_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(undefined)
      .limit(f.limit + 1);
    applyAbility(qb, ability, 'list', 'Case', CASE_COLUMNS);
    if (f.phase) qb.andWhere('c.phase = :phase', { phase: f.phase });
    if (f.riskLevel) qb.andWhere('c.risk_level = :risk', { risk: f.riskLevel });
    if (f.agencyId) qb.andWhere('c.agency_id = :agency', { agency: f.agencyId });
    if (f.openedFrom) qb.andWhere('c.opened_at >= :from', { from: f.openedFrom });
    if (f.openedTo) qb.andWhere('c.opened_at < :to', { to: f.openedTo });
    if (f.overdue !== undefined) {
      const overdue = `(c.status = 'open' AND (c.assessment_due_at < :now OR c.plan_due_at < :now))`;
      qb.andWhere(f.overdue ? overdue : `NOT ${overdue}`, { now });
    }
    if (f.after)
      qb.andWhere('(c.opened_at, c.id) < (:afterAt, :afterId)', {
        afterAt: f.after.openedAt,
        afterId: f.after.id,
      });
    // Each row shows what its own case recorded (childRecordOf, in one query).
    return qb.getMany().then((rows) =>
      rows.map((c) => ({
        c,
        ch: (c as CaseFile & { linkedRecord?: LinkedChildRecord }).linkedRecord ?? c.child!,
      })),
    );
  }
}
