import { CLOSURE_REASONS } from '../cases/case-closure.entity';
import { CASE_PHASES, LEGAL_BASES, RISK_LEVELS } from '../cases/case-file.entity';
import { SEXES } from '../cases/intake/register-case.dto';
import { ASSESSMENT_TYPES } from '../cases/records/assessment.entity';
import { BID_TRIGGERS } from '../cases/records/best-interests-determination.entity';
import { REINTEGRATION_DIMENSIONS } from '../cases/records/case-plan.entity';
import { CONSENT_GIVERS } from '../cases/records/case-records.dto';
import { ACCOMPANIMENT } from '../cases/reception-event.entity';
import { AGENCY_TYPES } from '../directory/agency.entity';
import { FOLLOW_UP_STATUSES, FOLLOW_UP_TYPES } from '../follow-ups/follow-up.entity';
import { OVERRIDE_BASES, URGENCIES } from '../referrals/referral.entity';
import { REFERRAL_STATUSES } from '../referrals/referral-lifecycle';
import { CODE_LISTS, CodeListName } from './code-lists';
import { VOCABULARY_NAMES } from './vocabulary-catalog';

/** Each served list against the constant the domain validates and acts on. */
const DOMAIN: Record<CodeListName, readonly string[]> = {
  'case-phases': CASE_PHASES,
  'risk-levels': RISK_LEVELS,
  'legal-bases': LEGAL_BASES,
  'closure-reasons': CLOSURE_REASONS,
  sexes: SEXES,
  accompaniment: ACCOMPANIMENT,
  'assessment-types': ASSESSMENT_TYPES,
  'consent-givers': CONSENT_GIVERS,
  'bid-triggers': BID_TRIGGERS,
  'reintegration-dimensions': REINTEGRATION_DIMENSIONS,
  'referral-urgencies': URGENCIES,
  'referral-statuses': REFERRAL_STATUSES,
  'consent-override-bases': OVERRIDE_BASES,
  'follow-up-types': FOLLOW_UP_TYPES,
  'follow-up-statuses': FOLLOW_UP_STATUSES,
  'agency-types': AGENCY_TYPES,
};

describe('fixed code lists', () => {
  it.each(Object.keys(DOMAIN) as CodeListName[])('%s serves exactly the domain codes, in order', (name) => {
    expect(CODE_LISTS[name].map((t) => t.code)).toEqual([...DOMAIN[name]]);
  });

  it('labels every code in both languages', () => {
    for (const list of Object.values(CODE_LISTS))
      for (const t of list) {
        expect(t.es.trim()).not.toBe('');
        expect(t.en.trim()).not.toBe('');
      }
  });

  it('shares no name with a configurable vocabulary', () => {
    expect(Object.keys(CODE_LISTS).filter((n) => (VOCABULARY_NAMES as string[]).includes(n))).toEqual([]);
  });
});
