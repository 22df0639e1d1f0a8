import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AgreementCoverageService } from './agreement-coverage.service';
import { SharingVocabulary } from '../../agreements/sharing-vocabulary';
import { CaseFile, CaseLookupService } from '../../cases/public';
import { FieldIssue } from '../../common/errors/app-error';
import { CommonErrors } from '../../common/errors/common.errors';
import { Agency } from '../../directory/agency.entity';
import { ReferralErrors } from '../referral.errors';
import { checkConsent } from './consent-check';
import { snapshotCategories } from './snapshot-categories';

export interface SharingInput {
  caseFile: CaseFile;
  sender: Agency;
  recipient: Agency;
  serviceType: string;
  purpose: string;
  consentId: string | null;
  /** Present when a supervisor overrides consent. */
  overrideSensitive: string[] | null;
  requested: string[];
  at: Date;
}

/**
 * referrals/sharing/: the whole rule of what travels. Below the rest of referrals (imports only
 * its error catalog), above agreements, directory and the cases public face.
 *
 * The rules that decide whether a referral may be sent and what it carries, checked at creation,
 * at dispatch and on amendment (consent or agreement may have changed in between). Throws the
 * precise refusal; returns the agreement relied on and the categories that travel.
 */
@Injectable()
export class ReferralSharingRules {
  constructor(
    private readonly vocab: SharingVocabulary,
    private readonly coverage: AgreementCoverageService,
    private readonly cases: CaseLookupService,
  ) {}

  /** Vocabulary checks on the request (400 with field details). */
  validateTerms(input: {
    serviceType?: string;
    purpose?: string;
    categories?: string[];
    overrideSensitive?: string[];
  }): void {
    const issues: FieldIssue[] = [
      ...this.vocab.check('service-types', 'serviceType', input.serviceType),
      ...this.vocab.check('consent-purposes', 'purpose', input.purpose),
      ...this.vocab.check('data-categories', 'categories', input.categories),
      ...this.vocab.checkSensitive('override.sensitiveCategories', input.overrideSensitive),
    ];
    if (issues.length) throw CommonErrors.VALIDATION_FAILED({}, issues);
  }

  async evaluate(
    m: EntityManager,
    i: SharingInput,
  ): Promise<{ agreementId: string | null; categories: string[] }> {
    let consentCategories: string[] | null = null;
    if (i.overrideSensitive === null) {
      const consent = i.consentId ? await this.cases.findConsent(m, i.consentId) : null;
      consentCategories = checkConsent(consent, {
        caseId: i.caseFile.id,
        caseCountry: i.caseFile.countryCode,
        purpose: i.purpose,
        recipient: i.recipient,
        at: i.at,
      });
    }
    let agreement: { id: string; dataCategories: string[] } | null = null;
    if (i.sender.id !== i.recipient.id) {
      const found = await this.coverage.find(m, i.sender, i.recipient, i.purpose, i.at);
      if ('refusal' in found) throw ReferralErrors[found.refusal]({ purpose: i.purpose });
      agreement = found.agreement;
    }
    const decision = snapshotCategories({
      agreement: agreement?.dataCategories ?? null,
      consent: consentCategories,
      overrideSensitive: i.overrideSensitive ?? [],
      needs: this.vocab.serviceNeeds(i.serviceType),
      requested: i.requested,
      isSensitive: (c) => this.vocab.isSensitive(c),
    });
    if ('refusal' in decision)
      throw ReferralErrors[decision.refusal]({ categories: decision.categories.join(', ') });
    return { agreementId: agreement?.id ?? null, categories: decision.categories };
  }
}
