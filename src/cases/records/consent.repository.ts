import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Agency } from '../../directory/agency.entity';
import { defineCursor } from '../../common/paging/cursor';
import { Page, pageLimit, pageOf } from '../../common/paging/page';
import { Consent } from './consent.entity';

const CONSENTS_CURSOR = defineCursor('case.consents', ['instant', 'uuid']);

/** Queries on consents; the consent service stays free of SQL. */
@Injectable()
export class ConsentRepository {
  /** How many of these agency ids exist (named recipients). */
  knownAgencies(m: EntityManager, ids: string[]): Promise<number> {
    return m.count(Agency, { where: { id: In(ids) } });
  }

  create(
    m: EntityManager,
    consent: Pick<
      Consent,
      | 'caseId'
      | 'givenBy'
      | 'childAssent'
      | 'purposes'
      | 'recipientAgencyIds'
      | 'anyRecipientInCountry'
      | 'dataCategories'
      | 'givenAt'
      | 'expiresAt'
      | 'recordedBy'
    >,
  ): Promise<Consent> {
    return m.save(m.create(Consent, consent));
  }

  save(m: EntityManager, consent: Consent): Promise<Consent> {
    return m.save(consent);
  }

  /** A page of the case's consents, newest given first (given_at holds milliseconds: client input). */
  async list(
    m: EntityManager,
    caseId: string,
    page: { cursor?: string; limit?: number },
  ): Promise<Page<Consent>> {
    const after = CONSENTS_CURSOR.decode(page.cursor);
    const limit = pageLimit(page);
    const qb = m.createQueryBuilder(Consent, 'k').where('k.case_id = :caseId', { caseId });
    if (after)
      qb.andWhere('(k.given_at, k.id) < (:at::timestamptz, :id::uuid)', { at: after[0], id: after[1] });
    const rows = await qb
      .orderBy('k.given_at', 'DESC')
      .addOrderBy('k.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    return pageOf(rows, limit, (last) => CONSENTS_CURSOR.encode(last.givenAt, last.id));
  }

  /** The consent of this case, locked for update. */
  findForUpdate(m: EntityManager, caseId: string, id: string): Promise<Consent | null> {
    return m.findOne(Consent, { where: { id, caseId }, lock: { mode: 'pessimistic_write' } });
  }
}
