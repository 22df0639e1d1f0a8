import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Role } from '../common/role';
import { AppAbility } from '../authz/ability';
import { applyAbility, ColumnMap } from '../authz/casl-sql';
import { Agency } from './agency.entity';
import { AccessState, AppUser } from './app-user.entity';
import { defineCursor } from '../common/paging/cursor';
import { Page, pageLimit, pageOf } from '../common/paging/page';
import { likePattern } from '../database/keyset';

/** A user as the directory shows it: the account plus its agency's country. Never the hash. */
export interface UserView {
  id: string;
  agencyId: string;
  countryCode: string;
  role: Role;
  email: string;
  fullName: string;
  active: boolean;
  accessState: AccessState;
  language: 'es' | 'en';
  failedLogins: number;
  lockedUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** Policy fields a User condition may name; a user's country is its agency's. */
export const USER_COLUMNS: ColumnMap = {
  id: 'u.id',
  agencyId: 'u.agency_id',
  countryCode: 'ag.country_code',
  role: 'u.role',
  active: 'u.active',
};

export interface UserFilters {
  agencyId?: string;
  role?: Role;
  active?: boolean;
  q?: string;
  limit?: number;
  cursor?: string;
}

/** User queries, joined to the agency for the country scope; paged by (email, id). */
/** The administrators' user list: by email, then id. */
const USERS_CURSOR = defineCursor('admin.users', ['text', 'uuid']);

@Injectable()
export class UsersRepository {
  private base(m: EntityManager) {
    return m
      .createQueryBuilder(AppUser, 'u')
      .innerJoin(Agency, 'ag', 'ag.id = u.agency_id')
      .select([
        'u.id AS "id"',
        'u.agency_id AS "agencyId"',
        'ag.country_code AS "countryCode"',
        'u.role AS "role"',
        'u.email AS "email"',
        'u.full_name AS "fullName"',
        'u.active AS "active"',
        'u.access_state AS "accessState"',
        'u.language AS "language"',
        'u.failed_logins AS "failedLogins"',
        'u.locked_until AS "lockedUntil"',
        'u.created_at AS "createdAt"',
        'u.updated_at AS "updatedAt"',
        'u.version AS "version"',
      ]);
  }

  async page(m: EntityManager, ability: AppAbility, action: 'list', f: UserFilters): Promise<Page<UserView>> {
    const after = USERS_CURSOR.decode(f.cursor);
    const limit = pageLimit(f);
    const qb = this.base(m);
    applyAbility(qb, ability, action, 'User', USER_COLUMNS);
    if (f.agencyId) qb.andWhere('u.agency_id = :agencyId', { agencyId: f.agencyId });
    if (f.role) qb.andWhere('u.role = :role', { role: f.role });
    if (f.active !== undefined) qb.andWhere('u.active = :active', { active: f.active });
    if (f.q)
      qb.andWhere(`(u.full_name ILIKE :q ESCAPE '\\' OR u.email ILIKE :q ESCAPE '\\')`, {
        q: likePattern(f.q),
      });
    if (after) qb.andWhere('(u.email, u.id) > (:ck, :ci::uuid)', { ck: after[0], ci: after[1] });
    const rows = await qb
      .orderBy('u.email', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(limit + 1)
      .getRawMany<UserView>();
    return pageOf(rows, limit, (last) => USERS_CURSOR.encode(last.email, last.id));
  }

  /** Active (and activated) focal points of an agency that the ability lets the caller read. */
  focalPoints(m: EntityManager, ability: AppAbility, agencyId: string): Promise<UserView[]> {
    const qb = this.base(m)
      .where('u.agency_id = :agencyId', { agencyId })
      .andWhere('u.role = :role', { role: 'referral_focal_point' })
      .andWhere('u.active')
      .andWhere(`u.access_state = 'active'`);
    applyAbility(qb, ability, 'read', 'User', USER_COLUMNS);
    return qb.orderBy('u.full_name', 'ASC').getRawMany<UserView>();
  }

  async findById(m: EntityManager, id: string, lock = false): Promise<UserView | null> {
    const qb = this.base(m).where('u.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write', undefined, ['u']);
    return (await qb.getRawOne<UserView>()) ?? null;
  }

  emailTaken(m: EntityManager, email: string): Promise<boolean> {
    return m.exists(AppUser, { where: { email } });
  }

  async insert(m: EntityManager, values: Partial<AppUser>): Promise<string> {
    const res = await m.insert(AppUser, values);
    return res.identifiers[0].id as string;
  }

  /** Applies the changes and bumps the version (the caller has checked the version it read). */
  async update(m: EntityManager, id: string, changes: Partial<AppUser>): Promise<void> {
    await m.createQueryBuilder().update(AppUser).set(changes).where('id = :id', { id }).execute();
  }
}
