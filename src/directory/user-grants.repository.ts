import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AppAbility } from '../authz/ability';
import { applyAbility, ColumnMap } from '../authz/casl-sql';
import { defineCursor } from '../common/paging/cursor';
import { Page, pageLimit, pageOf } from '../common/paging/page';
import { AppUser } from './app-user.entity';
import { GrantStatus, UserGrant } from './user-grant.entity';

/** A grant as the approvers see it: the request, and whom it is for (so they can hand over the token). */
export interface GrantView {
  id: string;
  userId: string;
  kind: UserGrant['kind'];
  role: UserGrant['role'];
  agencyId: string;
  countryCode: string;
  status: GrantStatus;
  requestedBy: string;
  requestedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  reason: string | null;
  email: string;
  fullName: string;
}

/** Policy fields a UserGrant condition may name. */
export const GRANT_COLUMNS: ColumnMap = {
  id: 'g.id',
  userId: 'g.user_id',
  agencyId: 'g.agency_id',
  countryCode: 'g.country_code',
  role: 'g.role',
  status: 'g.status',
  requestedBy: 'g.requested_by',
};

/** Oldest request first, then id (requested_at is set from the Clock: milliseconds). */
const GRANTS_CURSOR = defineCursor('user-grants', ['instant', 'uuid']);

@Injectable()
export class UserGrantsRepository {
  private base(m: EntityManager) {
    return m
      .createQueryBuilder(UserGrant, 'g')
      .innerJoin(AppUser, 'u', 'u.id = g.user_id')
      .select([
        'g.id AS "id"',
        'g.user_id AS "userId"',
        'g.kind AS "kind"',
        'g.role AS "role"',
        'g.agency_id AS "agencyId"',
        'g.country_code AS "countryCode"',
        'g.status AS "status"',
        'g.requested_by AS "requestedBy"',
        'g.requested_at AS "requestedAt"',
        'g.decided_by AS "decidedBy"',
        'g.decided_at AS "decidedAt"',
        'g.reason AS "reason"',
        'u.email AS "email"',
        'u.full_name AS "fullName"',
      ]);
  }

  /** A page of the grants the ability lets the caller list, oldest first. */
  async list(
    m: EntityManager,
    ability: AppAbility,
    status: GrantStatus,
    page: { cursor?: string; limit?: number },
  ): Promise<Page<GrantView>> {
    const after = GRANTS_CURSOR.decode(page.cursor);
    const limit = pageLimit(page);
    const qb = this.base(m).where('g.status = :status', { status });
    if (after)
      qb.andWhere('(g.requested_at, g.id) > (:afterAt::timestamptz, :afterId::uuid)', {
        afterAt: after[0],
        afterId: after[1],
      });
    applyAbility(qb, ability, 'list', 'UserGrant', GRANT_COLUMNS);
    const rows = await qb
      .orderBy('g.requested_at', 'ASC')
      .addOrderBy('g.id', 'ASC')
      .limit(limit + 1)
      .getRawMany<GrantView>();
    return pageOf(rows, limit, (last) => GRANTS_CURSOR.encode(last.requestedAt, last.id));
  }

  async findById(m: EntityManager, id: string, lock = false): Promise<GrantView | null> {
    const qb = this.base(m).where('g.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write', undefined, ['g']);
    return (await qb.getRawOne<GrantView>()) ?? null;
  }

  pendingFor(m: EntityManager, userId: string): Promise<boolean> {
    return m.exists(UserGrant, { where: { userId, status: 'pending' } });
  }

  async insert(m: EntityManager, g: Partial<UserGrant>): Promise<string> {
    const res = await m.insert(UserGrant, g);
    return res.identifiers[0].id as string;
  }

  async decide(
    m: EntityManager,
    id: string,
    d: { status: GrantStatus; decidedBy: string; decidedAt: Date; reason?: string | null },
  ): Promise<void> {
    await m.update(UserGrant, { id }, { ...d, reason: d.reason ?? null });
  }
}
