import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Agency } from '../../directory/agency.entity';
import { Consent } from './consent.entity';

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

  /** The case's consents, most recently given first. */
  list(m: EntityManager, caseId: string): Promise<Consent[]> {
    return m.find(Consent, { where: { caseId }, order: { givenAt: 'DESC' } });
  }

  /** The consent of this case, locked for update. */
  findForUpdate(m: EntityManager, caseId: string, id: string): Promise<Consent | null> {
    return m.findOne(Consent, { where: { id, caseId }, lock: { mode: 'pessimistic_write' } });
  }
}
