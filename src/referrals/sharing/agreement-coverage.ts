import { pendingCountries } from '../../agreements/agreement-approval';
import type { DataSharingAgreement } from '../../agreements/agreement.entity';

export interface Party {
  id: string;
  countryCode: string;
}

export type CoverageRefusal = 'NO_AGREEMENT' | 'AGREEMENT_EXPIRED' | 'AGREEMENT_DOES_NOT_COVER_PURPOSE';
export type Coverage = { agreement: DataSharingAgreement } | { refusal: CoverageRefusal };

type AgreementTerms = Pick<
  DataSharingAgreement,
  | 'partyAgencyIds'
  | 'partyCountryCodes'
  | 'involvedCountries'
  | 'approvals'
  | 'status'
  | 'validFrom'
  | 'validUntil'
  | 'purposes'
>;

/** Is the agency a party, itself or through its country? */
export function isParty(a: Pick<AgreementTerms, 'partyAgencyIds' | 'partyCountryCodes'>, p: Party): boolean {
  return a.partyAgencyIds.includes(p.id) || a.partyCountryCodes.includes(p.countryCode);
}

/** Active, approved by every involved country (whatever the status column says), and within its dates. */
export function inForce(a: AgreementTerms, at: Date): boolean {
  return (
    a.status === 'active' &&
    !pendingCountries(a).length &&
    a.validFrom <= at &&
    (!a.validUntil || a.validUntil > at)
  );
}

/**
 * Picks the agreement a referral between two agencies relies on, or says precisely why there is
 * none: no agreement between the parties (or none active and approved by every involved country),
 * the only ones have expired, or the ones in force do not cover the purpose. Among several in
 * force, the most recent one wins.
 */
export function coveringAgreement<T extends AgreementTerms>(
  candidates: T[],
  sender: Party,
  recipient: Party,
  purpose: string,
  at: Date,
): { agreement: T } | { refusal: CoverageRefusal } {
  const between = candidates.filter((a) => isParty(a, sender) && isParty(a, recipient));
  const valid = between.filter((a) => inForce(a, at));
  if (!valid.length) {
    const expired = between.some((a) => a.status === 'active' && a.validUntil && a.validUntil <= at);
    return { refusal: expired ? 'AGREEMENT_EXPIRED' : 'NO_AGREEMENT' };
  }
  const covering = valid
    .filter((a) => a.purposes.includes(purpose))
    .sort((x, y) => y.validFrom.getTime() - x.validFrom.getTime());
  if (!covering.length) return { refusal: 'AGREEMENT_DOES_NOT_COVER_PURPOSE' };
  return { agreement: covering[0] };
}
