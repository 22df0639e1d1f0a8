import { join } from 'node:path';
import type { Actor } from '../../src/common/actor';
import { Role } from '../../src/common/role';
import { CLOSURE_REASONS } from '../../src/cases/case-closure.entity';
import type { Agency } from '../../src/directory/agency.entity';
import { loadVocabularies, VOCABULARY_NAMES } from '../../src/vocabularies/vocabulary-catalog';
import { registerCase } from '../factories/case.factory';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { createTestApp, TestApp } from '../harness/test-app';
import { CASE_PHASES, LEGAL_BASES, RISK_LEVELS } from '../../src/cases/case-file.entity';
import { SEXES } from '../../src/cases/intake/register-case.dto';
import { ASSESSMENT_TYPES } from '../../src/cases/records/assessment.entity';
import { BID_TRIGGERS } from '../../src/cases/records/best-interests-determination.entity';
import { REINTEGRATION_DIMENSIONS } from '../../src/cases/records/case-plan.entity';
import { CONSENT_GIVERS } from '../../src/cases/records/case-records.dto';
import { ACCOMPANIMENT } from '../../src/cases/reception-event.entity';
import { AGENCY_TYPES } from '../../src/directory/agency.entity';
import { FOLLOW_UP_STATUSES, FOLLOW_UP_TYPES } from '../../src/follow-ups/follow-up.entity';
import { OVERRIDE_BASES, URGENCIES } from '../../src/referrals/referral.entity';
import { REFERRAL_STATUSES } from '../../src/referrals/referral-lifecycle';
import { CODE_LIST_NAMES, CODE_LISTS, CodeListName } from '../../src/vocabularies/code-lists';

const shipped = loadVocabularies(join(__dirname, '..', '..', 'config'));
const codesOf = (name: 'consent-purposes' | 'data-categories' | 'service-types') =>
  shipped.terms.get(name)!.map((t) => t.code);

describe('vocabularies: one catalog served to clients, and the valid codes named on a bad one', () => {
  let t: TestApp;
  let center: Agency;
  let caseworker: Actor;
  let auditor: Actor;
  let admin: Actor;

  beforeAll(async () => {
    t = await createTestApp();
    center = await makeAgency(t.dataSource);
    caseworker = await makeActor(t.dataSource, Role.Caseworker, center);
    auditor = await makeActor(t.dataSource, Role.Auditor, center);
    admin = await makeActor(t.dataSource, Role.Administrator, center);
  });
  afterAll(() => t.close());

  const get = (url: string, a?: Actor, lang?: string) =>
    t.request('GET', url, {
      token: a && t.tokenFor(a),
      headers: lang ? { 'accept-language': lang } : {},
    });

  describe('GET /api/v1/vocabularies', () => {
    it('lists every vocabulary with its codes and both labels, in one call', async () => {
      const res = await get('/api/v1/vocabularies', caseworker);
      expect(res.status).toBe(200);
      expect(res.body.items.map((v: any) => v.name)).toEqual([...VOCABULARY_NAMES, ...CODE_LIST_NAMES]);
      expect(res.body.items.filter((v: any) => v.fixed).map((v: any) => v.name)).toEqual(CODE_LIST_NAMES);
      const byName = Object.fromEntries(res.body.items.map((v: any) => [v.name, v]));
      // Labels with commas arrive whole (the broken-YAML bug cut them short).
      expect(byName['data-categories'].terms).toContainEqual({
        code: 'identification',
        class: 'identifying',
        es: 'Identificación (nombres, fecha de nacimiento)',
        en: 'Identification (names, date of birth)',
      });
      expect(byName['service-types'].terms).toContainEqual(
        expect.objectContaining({
          code: 'civil_registration',
          needs: ['identification', 'documents', 'case_summary'],
        }),
      );
      for (const v of res.body.items)
        for (const term of v.terms) {
          expect(typeof term.code).toBe('string');
          expect(term.es.length).toBeGreaterThan(0);
          expect(term.en.length).toBeGreaterThan(0);
        }
      const indicators = byName['reintegration-indicators'];
      expect(indicators.dimensions.map((d: any) => d.code)).toEqual([
        'economic_education',
        'social',
        'psychosocial',
      ]);
      expect(indicators.terms[0]).toEqual({
        code: expect.any(String),
        es: expect.any(String),
        en: expect.any(String),
        dimension: expect.any(String),
        answers: expect.arrayContaining([
          { value: expect.any(String), es: expect.any(String), en: expect.any(String) },
        ]),
      });
    });

    it('serves the same to every signed-in role, and the labels do not depend on Accept-Language', async () => {
      const es = await get('/api/v1/vocabularies', auditor, 'es');
      const en = await get('/api/v1/vocabularies', auditor, 'en');
      expect(es.status).toBe(200);
      expect(en.body).toEqual(es.body);
    });

    it('answers 401 problem+json without a token', async () => {
      const res = await get('/api/v1/vocabularies');
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect((await get('/api/v1/vocabularies/languages')).status).toBe(401);
    });
  });

  describe('GET /api/v1/vocabularies/{name}', () => {
    it('answers one vocabulary', async () => {
      const res = await get('/api/v1/vocabularies/consent-purposes', caseworker);
      expect(res.status).toBe(200);
      expect(res.body.name).toBe('consent-purposes');
      expect(res.body.terms.map((x: any) => x.code)).toEqual(codesOf('consent-purposes'));
      expect(res.body.terms).toContainEqual({
        code: 'health_care',
        es: 'Atención en salud',
        en: 'Health care',
      });
    });

    it('answers a fixed code list the same way, with the codes the API accepts', async () => {
      const res = await get('/api/v1/vocabularies/closure-reasons', caseworker);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'closure-reasons', fixed: true });
      expect(res.body.terms.map((x: any) => x.code)).toEqual([...CLOSURE_REASONS]);
      expect(res.body.terms).toContainEqual({
        code: 'turned_of_age',
        es: 'Alcanzó la mayoría de edad',
        en: 'Turned of age',
      });
    });

    it('answers 404 problem+json for an unknown name, naming the vocabularies, in es or en', async () => {
      const es = await get('/api/v1/vocabularies/colours', caseworker);
      expect(es.status).toBe(404);
      expect(es.headers['content-type']).toContain('application/problem+json');
      expect(es.body).toMatchObject({
        code: 'VOCABULARY_NOT_FOUND',
        status: 404,
        title: 'Vocabulario no encontrado',
      });
      expect(es.body.detail).toBe(
        `No existe el vocabulario colours. Vocabularios: ${[...VOCABULARY_NAMES, ...CODE_LIST_NAMES].join(', ')}.`,
      );
      const en = await get('/api/v1/vocabularies/colours', caseworker, 'en');
      expect(en.body.detail).toBe(
        `There is no vocabulary colours. Vocabularies: ${[...VOCABULARY_NAMES, ...CODE_LIST_NAMES].join(', ')}.`,
      );
    });
  });

  describe('an unknown code in a request names the valid codes', () => {
    let caseId: string;
    let version: number;

    beforeAll(async () => {
      const reg = await registerCase(t, caseworker, center.id);
      caseId = reg.case.id;
      version = reg.case.version;
    });

    it('in a consent (purposes and data categories), in es and en', async () => {
      const body = {
        givenBy: 'child',
        purposes: ['education', 'karaoke'],
        anyRecipientInCountry: true,
        dataCategories: ['horoscope'],
        givenAt: '2026-06-01T10:00:00Z',
      };
      const es = await t.request('POST', `/api/v1/cases/${caseId}/consents`, {
        token: t.tokenFor(caseworker),
        body,
      });
      expect(es.status).toBe(400);
      expect(es.body.errors).toEqual([
        {
          field: 'purposes.1',
          code: 'vocabulary',
          message: `"karaoke" no es un código válido de consent-purposes. Códigos válidos: ${codesOf('consent-purposes').join(', ')}.`,
        },
        {
          field: 'dataCategories.0',
          code: 'vocabulary',
          message: `"horoscope" no es un código válido de data-categories. Códigos válidos: ${codesOf('data-categories').join(', ')}.`,
        },
      ]);
      const en = await t.request('POST', `/api/v1/cases/${caseId}/consents`, {
        token: t.tokenFor(caseworker),
        body,
        headers: { 'accept-language': 'en' },
      });
      expect(en.body.errors[1].message).toBe(
        `"horoscope" is not a valid data-categories code. Valid codes: ${codesOf('data-categories').join(', ')}.`,
      );
    });

    it('in an agency’s services', async () => {
      const res = await t.request('POST', '/api/v1/admin/agencies', {
        token: t.tokenFor(admin),
        body: { countryCode: 'GT', name: 'Con servicio inventado', type: 'ngo', services: ['astrology'] },
        headers: { 'accept-language': 'en' },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        {
          field: 'services.0',
          code: 'vocabulary',
          message: `"astrology" is not a valid service-types code. Valid codes: ${codesOf('service-types').join(', ')}.`,
        },
      ]);
    });

    it('in a closure reason (a fixed list), in es and en', async () => {
      const url = `/api/v1/cases/${caseId}/closure`;
      const body = { version, reason: 'bored' };
      const es = await t.request('POST', url, { token: t.tokenFor(caseworker), body });
      expect(es.status).toBe(400);
      expect(es.body.errors).toEqual([
        { field: 'reason', code: 'isIn', message: `Debe ser uno de: ${CLOSURE_REASONS.join(', ')}.` },
      ]);
      const en = await t.request('POST', url, {
        token: t.tokenFor(caseworker),
        body,
        headers: { 'accept-language': 'en' },
      });
      expect(en.body.errors[0].message).toBe(`Must be one of: ${CLOSURE_REASONS.join(', ')}.`);
    });
  });
});

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
