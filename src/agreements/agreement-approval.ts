import type { AgreementStatus, DataSharingAgreement, RequestedAgreementStatus } from './agreement.entity';

/**
 * No single country may authorize sharing for others: an agreement is in force only once every
 * involved country (a party country, or the country of a party agency) has approved its current
 * terms through one of its administrators. The country that creates or widens the terms approves
 * them by doing so; a change that widens what may travel (a purpose, a category, a later end, or
 * a return to `active`) voids the other countries' approvals; narrowing keeps them.
 */
type Approvable = Pick<DataSharingAgreement, 'involvedCountries' | 'approvals'>;
type Terms = Pick<DataSharingAgreement, 'purposes' | 'dataCategories' | 'validUntil'> & {
  status: RequestedAgreementStatus;
};

/** Involved countries that have not approved the current terms yet. */
export function pendingCountries(a: Approvable): string[] {
  return a.involvedCountries.filter((c) => !a.approvals.some((x) => x.countryCode === c));
}

/** The status an administrator meant: a pending agreement was asked to be active. */
export function requestedStatus(status: AgreementStatus): RequestedAgreementStatus {
  return status === 'pending_approval' ? 'active' : status;
}

/** The stored status for a requested one: `active` only with every involved country's approval. */
export function settledStatus(requested: RequestedAgreementStatus, a: Approvable): AgreementStatus {
  return requested === 'active' && pendingCountries(a).length ? 'pending_approval' : requested;
}

/** Does the change let more travel, or for longer, than the terms the parties approved? */
export function widens(before: Terms, after: Terms): boolean {
  const added = (was: string[], is: string[]) => is.some((x) => !was.includes(x));
  const later = !!before.validUntil && (!after.validUntil || after.validUntil > before.validUntil);
  return (
    added(before.purposes, after.purposes) ||
    added(before.dataCategories, after.dataCategories) ||
    later ||
    (before.status !== 'active' && after.status === 'active')
  );
}
