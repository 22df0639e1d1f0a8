import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { defineCursor } from '../common/paging/cursor';
import { Page, pageOf } from '../common/paging/page';
import { DataSharingAgreement, AgreementStatus } from './agreement.entity';

/** Newest first: creation (millisecond column), then id. */
const AGREEMENTS_CURSOR = defineCursor('agreements', ['instant', 'uuid']);

/** The SQL of agreements. */
@Injectable()
export class AgreementsRepository {
  /** With `lock`, holds the row until the transaction ends (approvals and changes one at a time). */
  findById(m: EntityManager, id: string, lock = false): Promise<DataSharingAgreement | null> {
    return m.findOne(DataSharingAgreement, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  insert(m: EntityManager, a: Partial<DataSharingAgreement>): Promise<DataSharingAgreement> {
    return m.save(DataSharingAgreement, m.create(DataSharingAgreement, a));
  }

  save(m: EntityManager, a: DataSharingAgreement): Promise<DataSharingAgreement> {
    return m.save(DataSharingAgreement, a);
  }

  /** Agreements naming both parties (directly or by country), whatever their status. */
  async between(
    m: EntityManager,
    a: { id: string; countryCode: string },
    b: { id: string; countryCode: string },
  ): Promise<DataSharingAgreement[]> {
    return m
      .createQueryBuilder(DataSharingAgreement, 'a')
      .where('(:aId = ANY(a.party_agency_ids) OR :aCountry = ANY(a.party_country_codes))', {
        aId: a.id,
        aCountry: a.countryCode,
      })
      .andWhere('(:bId = ANY(a.party_agency_ids) OR :bCountry = ANY(a.party_country_codes))', {
        bId: b.id,
        bCountry: b.countryCode,
      })
      .getMany();
  }

  /**
   * A page of the agreements involving `country` (the caller's scope, the SQL form of
   * AgreementPolicy's "involvedCountries contains"), newest first, keyset-paginated.
   */
  async list(
    m: EntityManager,
    country: string,
    f: {
      status?: AgreementStatus;
      agency?: { id: string; countryCode: string };
      limit: number;
      cursor?: string;
    },
  ): Promise<Page<DataSharingAgreement>> {
    const after = AGREEMENTS_CURSOR.decode(f.cursor);
    const qb = m
      .createQueryBuilder(DataSharingAgreement, 'a')
      .where(':country = ANY(a.involved_countries)', { country });
    if (f.status) qb.andWhere('a.status = :status', { status: f.status });
    if (f.agency)
      qb.andWhere('(:agId = ANY(a.party_agency_ids) OR :agCountry = ANY(a.party_country_codes))', {
        agId: f.agency.id,
        agCountry: f.agency.countryCode,
      });
    if (after)
      qb.andWhere('(a.created_at, a.id) < (:at::timestamptz, :id::uuid)', { at: after[0], id: after[1] });
    const rows = await qb
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .take(f.limit + 1)
      .getMany();
    return pageOf(rows, f.limit, (last) => AGREEMENTS_CURSOR.encode(last.createdAt, last.id));
  }
}
