import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AppAbility } from '../authz/ability';
import { applyAbility, ColumnMap } from '../authz/casl-sql';
import { Agency, AgencyType } from './agency.entity';
import { defineCursor } from '../common/paging/cursor';
import { Page, pageLimit, pageOf } from '../common/paging/page';
import { likePattern } from '../database/keyset';

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

/** By name, then id: one cursor for the directory search, another for the administrators' list. */
const CURSORS = {
  search: defineCursor('directory.agencies', ['text', 'uuid']),
  list: defineCursor('admin.agencies', ['text', 'uuid']),
};

/** Agency queries. Lists are restricted by the caller's ability in SQL and paged by (name, id). */
@Injectable()
export class AgenciesRepository {
  async page(
    m: EntityManager,
    ability: AppAbility,
    action: 'search' | 'list',
    f: AgencyFilters,
  ): Promise<Page<Agency>> {
    const codec = CURSORS[action];
    const after = codec.decode(f.cursor);
    const limit = pageLimit(f);
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
    if (after) qb.andWhere('(a.name, a.id) > (:ck, :ci::uuid)', { ck: after[0], ci: after[1] });
    const rows = await qb
      .orderBy('a.name', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    return pageOf(rows, limit, (last) => codec.encode(last.name, last.id));
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
