import { Consent, consentInForce } from '../../cases/public';
import { ReferralErrors } from '../referral.errors';

export interface ConsentUse {
  caseId: string;
  caseCountry: string;
  purpose: string;
  recipient: { id: string; countryCode: string };
  at: Date;
}

/** Does the consent cover this purpose and this recipient agency (in the case's country)? */
export function consentCovers(
  consent: Consent,
  purpose: string,
  recipient: { id: string; countryCode: string },
  caseCountry: string,
): boolean {
  const recipientOk =
    consent.recipientAgencyIds.includes(recipient.id) ||
    (consent.anyRecipientInCountry && recipient.countryCode === caseCountry);
  return consent.purposes.includes(purpose) && recipientOk;
}

/**
 * Referrals' rule of consent: the consent is the case's, given by then, not withdrawn, in force
 * (the consent record's own rule, consentInForce), and covers the purpose and the recipient.
 * Throws the precise refusal; returns the categories the consent allows.
 */
export function checkConsent(consent: Consent | null, use: ConsentUse): string[] {
  if (!consent || consent.caseId !== use.caseId || consent.givenAt > use.at)
    throw ReferralErrors.NO_CONSENT();
  if (consent.withdrawnAt) throw ReferralErrors.CONSENT_WITHDRAWN();
  if (!consentInForce(consent, use.at)) throw ReferralErrors.CONSENT_EXPIRED();
  if (!consent.purposes.includes(use.purpose))
    throw ReferralErrors.CONSENT_DOES_NOT_COVER_PURPOSE({ purpose: use.purpose });
  if (!consentCovers(consent, use.purpose, use.recipient, use.caseCountry))
    throw ReferralErrors.CONSENT_DOES_NOT_COVER_RECIPIENT();
  return consent.dataCategories;
}
