import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Action, AppAbility } from '../authz/ability';
import { applyAbility, ColumnMap } from '../authz/casl-sql';
import { Agency, AgencyType } from './agency.entity';
import { decodeCursor, encodeCursor, likePattern, Page } from '../database/keyset';
import { DirectoryErrors } from './directory.errors';

/** Policy fields an Agency condition may name, as SQL on alias `a`. */
export const AGENCY_COLUMNS: ColumnMap = {
  id: 'a.id',
  countryCode: 'a.country_code',
  active: 'a.active',
  type: 'a.type',
  onEnlace: 'a.on_enlace',
};

export interface AgencyFilters {
  country?: string;
  type?: AgencyType;
  service?: string;
  active?: boolean;
  q?: string;
  limit?: number;
  cursor?: string;
}

/** Agency queries. Lists are restricted by the caller's ability in SQL and paged by (name, id). */
@Injectable()
export class AgenciesRepository {
  async page(m: EntityManager, ability: AppAbility, action: Action, f: AgencyFilters): Promise<Page<Agency>> {
    const limit = f.limit ?? 25;
    const qb = m.createQueryBuilder(Agency, 'a');
    applyAbility(qb, ability, action, 'Agency', AGENCY_COLUMNS);
    if (f.country) qb.andWhere('a.country_code = :country', { country: f.country });
    if (f.type) qb.andWhere('a.type = :type', { type: f.type });
    if (f.service) qb.andWhere(':service = ANY(a.services)', { service: f.service });
    if (f.active !== undefined) qb.andWhere('a.active = :active', { active: f.active });
    if (f.q)
      qb.andWhere(
        `(a.name ILIKE :q ESCAPE '\\' OR a.acronym ILIKE :q ESCAPE '\\' OR a.city ILIKE :q ESCAPE '\\')`,
        { q: likePattern(f.q) },
      );
    if (f.cursor) {
      const c = decodeCursor(f.cursor);
      if (!c) throw DirectoryErrors.INVALID_CURSOR();
      qb.andWhere('(a.name, a.id) > (:ck, :ci)', { ck: c.key, ci: c.id });
    }
    const rows = await qb
      .orderBy('a.name', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.name, last.id) : null };
  }

  findById(m: EntityManager, id: string, lock = false): Promise<Agency | null> {
    const qb = m.createQueryBuilder(Agency, 'a').where('a.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async insert(m: EntityManager, values: Partial<Agency>): Promise<Agency> {
    const saved = await m.save(Agency, m.create(Agency, values));
    return (await this.findById(m, saved.id))!;
  }

  /** Applies the changes and bumps the version (the caller has checked the version it read). */
  async update(m: EntityManager, id: string, changes: Partial<Agency>): Promise<Agency> {
    await m.createQueryBuilder().update(Agency).set(changes).where('id = :id', { id }).execute();
    return (await this.findById(m, id))!;
  }
}
