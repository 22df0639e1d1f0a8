import { DataSharingAgreement } from '../../src/agreements/agreement.entity';
import { Role } from '../../src/common/role';
import { makeConsent } from '../factories/cases.factory';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { randomUUID } from 'node:crypto';
import { seedId } from '../../src/seed/seed';
import { createTestApp, TestApp } from '../harness/test-app';
import { referralScenario } from './referral-scenario';

describe('creating a referral', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof referralScenario>>;
  beforeAll(async () => {
    t = await createTestApp();
    s = await referralScenario(t);
  });
  afterAll(() => t.close());

  const post = (actor: { userId: string } & Record<string, any>, body: Record<string, unknown>) =>
    t.request('POST', '/api/v1/referrals', { token: t.tokenFor(actor as never), body });
  const count = async () =>
    Number((await t.dataSource.query('SELECT count(*)::int AS n FROM referral'))[0].n);

  it('creates a draft whose snapshot is agreement ∩ consent ∩ service needs', async () => {
    const res = await post(s.caseworker, s.body());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'draft', snapshotVersion: 1, agreementId: s.agreement.id });
    const snap = await t.request('GET', `/api/v1/referrals/${res.body.id}/snapshot`, {
      token: t.tokenFor(s.caseworker),
    });
    expect(snap.status).toBe(200);
    expect(snap.body.categories).toEqual(['case_summary', 'health', 'identification']);
    expect(Object.keys(snap.body.data).sort()).toEqual(['case_summary', 'health', 'identification']);
    expect(snap.body.data.health).toEqual({ disability: 'hipoacusia moderada' });
    expect(JSON.stringify(snap.body)).not.toContain('María Gómez');
    expect(JSON.stringify(snap.body)).not.toContain('no binario');
    expect(snap.body.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const audit = await t.dataSource.query(
      `SELECT action, fields FROM audit_entry WHERE subject_id = $1 ORDER BY id`,
      [res.body.id],
    );
    expect(audit.map((a: any) => a.action)).toEqual(['referral.create', 'referral.snapshot.read']);
    expect(JSON.stringify(audit)).not.toContain('Pérez');
  });

  it('narrows to the requested categories and refuses a sensitive one the consent does not name', async () => {
    const narrow = await post(s.caseworker, s.body({ categories: ['identification'] }));
    expect(narrow.status).toBe(201);
    const res = await post(s.caseworker, s.body({ categories: ['identification', 'assessments'] }));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'SENSITIVE_CATEGORY_NOT_CONSENTED' });
    expect(res.body.detail).toContain('assessments');
  });

  describe('refusals, each with its own code and nothing written', () => {
    let before: number;
    beforeEach(async () => {
      before = await count();
    });
    afterEach(async () => {
      expect(await count()).toBe(before);
    });

    it('NO_CONSENT without a consent or override, or with another case’s consent', async () => {
      const { consentId: _omit, ...noConsent } = s.body();
      expect((await post(s.caseworker, noConsent)).body.code).toBe('NO_CONSENT');
      const other = await referralScenario(t);
      const res = await post(s.caseworker, s.body({ consentId: other.consent.id }));
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('NO_CONSENT');
    });

    it('CONSENT_WITHDRAWN', async () => {
      const c = await makeConsent(t.dataSource, s.caseFile, {
        ...s.consent,
        id: undefined,
        withdrawnAt: new Date(),
      });
      expect((await post(s.caseworker, s.body({ consentId: c.id }))).body.code).toBe('CONSENT_WITHDRAWN');
    });

    it('CONSENT_EXPIRED', async () => {
      const c = await makeConsent(t.dataSource, s.caseFile, {
        ...s.consent,
        id: undefined,
        expiresAt: new Date(Date.now() - 1000),
      });
      expect((await post(s.caseworker, s.body({ consentId: c.id }))).body.code).toBe('CONSENT_EXPIRED');
    });

    it('CONSENT_DOES_NOT_COVER_PURPOSE', async () => {
      const res = await post(s.caseworker, s.body({ purpose: 'education' }));
      expect(res.body.code).toBe('CONSENT_DOES_NOT_COVER_PURPOSE');
    });

    it('CONSENT_DOES_NOT_COVER_RECIPIENT', async () => {
      const other = await makeAgency(t.dataSource, {
        countryCode: 'GT',
        type: 'health',
        services: ['health_care'],
      });
      const res = await post(s.caseworker, s.body({ recipientAgencyId: other.id }));
      expect(res.body.code).toBe('CONSENT_DOES_NOT_COVER_RECIPIENT');
    });

    it('NO_AGREEMENT between two agencies without one', async () => {
      const other = await makeAgency(t.dataSource, {
        countryCode: 'GT',
        type: 'health',
        services: ['health_care'],
      });
      const c = await makeConsent(t.dataSource, s.caseFile, {
        ...s.consent,
        id: undefined,
        recipientAgencyIds: [other.id],
      });
      const res = await post(s.caseworker, s.body({ recipientAgencyId: other.id, consentId: c.id }));
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('NO_AGREEMENT');
    });

    it('AGREEMENT_EXPIRED', async () => {
      const repo = t.dataSource.getRepository(DataSharingAgreement);
      await repo.update(s.agreement.id, { validUntil: new Date(Date.now() - 1000) });
      try {
        expect((await post(s.caseworker, s.body())).body.code).toBe('AGREEMENT_EXPIRED');
      } finally {
        await repo.update(s.agreement.id, { validUntil: null });
      }
    });

    it('AGREEMENT_DOES_NOT_COVER_PURPOSE', async () => {
      const c = await makeConsent(t.dataSource, s.caseFile, {
        ...s.consent,
        id: undefined,
        purposes: ['psychosocial_support'],
      });
      const res = await post(
        s.caseworker,
        s.body({ consentId: c.id, purpose: 'psychosocial_support', serviceType: 'psychosocial_support' }),
      );
      expect(res.body.code).toBe('AGREEMENT_DOES_NOT_COVER_PURPOSE');
    });

    it('NOTHING_TO_SHARE when the three have no category in common', async () => {
      const c = await makeConsent(t.dataSource, s.caseFile, {
        ...s.consent,
        id: undefined,
        dataCategories: ['education'],
      });
      expect((await post(s.caseworker, s.body({ consentId: c.id }))).body.code).toBe('NOTHING_TO_SHARE');
    });

    it('CASE_NOT_OPEN and RECIPIENT_NOT_AVAILABLE', async () => {
      const inactive = await makeAgency(t.dataSource, { active: false });
      expect((await post(s.caseworker, s.body({ recipientAgencyId: inactive.id }))).body.code).toBe(
        'RECIPIENT_NOT_AVAILABLE',
      );
      await t.dataSource.query(`UPDATE case_file SET status = 'closed' WHERE id = $1`, [s.caseFile.id]);
      try {
        expect((await post(s.caseworker, s.body())).body.code).toBe('CASE_NOT_OPEN');
      } finally {
        await t.dataSource.query(`UPDATE case_file SET status = 'open' WHERE id = $1`, [s.caseFile.id]);
      }
    });

    it('bad input: 400 with field details', async () => {
      const res = await post(
        s.caseworker,
        s.body({ serviceType: 'astrology', urgency: 'whenever', extra: 1 }),
      );
      expect(res.status).toBe(400);
      const fields = res.body.errors.map((e: any) => `${e.field}:${e.code}`);
      expect(fields).toEqual(expect.arrayContaining(['urgency:isIn', 'extra:whitelistValidation']));
      const vocab = await post(s.caseworker, s.body({ serviceType: 'astrology' }));
      expect(vocab.status).toBe(400);
      expect(vocab.body.errors[0]).toMatchObject({ field: 'serviceType', code: 'vocabulary' });
      // The message names the valid codes.
      expect(vocab.body.errors[0].message).toContain('health_care');
    });
  });

  describe('supervisor override of consent', () => {
    const override = {
      basis: 'best_interests',
      reason: 'Riesgo inminente para la salud; no se localiza al tutor legal.',
    };

    it('is refused to a caseworker, and the denial is audited', async () => {
      const { consentId: _c, ...noConsent } = s.body();
      const res = await post(s.caseworker, { ...noConsent, override });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('OVERRIDE_NOT_ALLOWED');
      const denied = await t.dataSource.query(
        `SELECT 1 FROM audit_entry WHERE action = 'referral.override' AND outcome = 'denied' AND actor_user_id = $1`,
        [s.caseworker.userId],
      );
      expect(denied).toHaveLength(1);
    });

    it('needs a reason', async () => {
      const { consentId: _c, ...noConsent } = s.body();
      const res = await post(s.supervisor, {
        ...noConsent,
        override: { basis: 'vital_interests', reason: 'urgente' },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('override.reason');
    });

    it('lets a supervisor refer without consent: service needs ∩ agreement, nothing sensitive unless named', async () => {
      const { consentId: _c, ...noConsent } = s.body();
      const res = await post(s.supervisor, { ...noConsent, override });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ overrideBasis: 'best_interests', consentId: null });
      const snap = await t.request('GET', `/api/v1/referrals/${res.body.id}/snapshot`, {
        token: t.tokenFor(s.supervisor),
      });
      expect(snap.body.categories).toEqual(['case_summary', 'contact', 'identification']);
      const named = await post(s.supervisor, {
        ...noConsent,
        override: { ...override, sensitiveCategories: ['health'] },
      });
      const snap2 = await t.request('GET', `/api/v1/referrals/${named.body.id}/snapshot`, {
        token: t.tokenFor(s.supervisor),
      });
      expect(snap2.body.categories).toEqual(['case_summary', 'contact', 'health', 'identification']);
      const audited = await t.dataSource.query(
        `SELECT purpose FROM audit_entry WHERE action = 'referral.override' AND subject_id = $1`,
        [res.body.id],
      );
      expect(audited).toEqual([{ purpose: 'best_interests' }]);
    });
  });

  describe('an agency with a seeded (version-5) id', () => {
    it('can be referred to, named as an agreement party and used as a filter', async () => {
      const id = seedId(`agency/test-${randomUUID()}`);
      expect(id[14]).toBe('5');
      const v5 = await referralScenario(t, { recipient: { id } });
      const referral = await post(v5.caseworker, v5.body());
      expect(referral.status).toBe(201);
      const admin = await makeActor(t.dataSource, Role.Administrator, v5.sender);
      const listed = await t.request('GET', `/api/v1/agreements?agencyId=${id}`, {
        token: t.tokenFor(admin),
      });
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((a: any) => a.id)).toContain(v5.agreement.id);
      const agreement = await t.request('POST', '/api/v1/agreements', {
        token: t.tokenFor(admin),
        body: {
          reference: `CONV-V5-${id.slice(0, 8)}`,
          title: 'Convenio con id sembrado',
          partyAgencyIds: [v5.sender.id, id],
          purposes: ['health_care'],
          dataCategories: ['identification'],
          validFrom: '2026-01-01T00:00:00Z',
          validUntil: '2028-12-31T23:59:59Z',
        },
      });
      expect(agreement.status).toBe(201);
    });
  });

  describe('who may not create', () => {
    it('refuses the recipient’s focal point, an administrator and another agency’s caseworker', async () => {
      for (const actor of [s.focal, await makeActor(t.dataSource, Role.Administrator, s.sender)]) {
        const res = await post(actor, s.body());
        expect(res.status).toBe(403);
      }
      const elsewhere = await makeActor(t.dataSource, Role.Caseworker, await makeAgency(t.dataSource));
      const res = await post(elsewhere, s.body());
      expect(res.status).toBe(403);
      const denied = await t.dataSource.query(
        `SELECT case_id FROM audit_entry WHERE action = 'referral.create' AND outcome = 'denied' AND actor_user_id = $1`,
        [elsewhere.userId],
      );
      expect(denied).toEqual([{ case_id: s.caseFile.id }]);
    });

    it('refuses a request without a token', async () => {
      expect((await t.request('POST', '/api/v1/referrals', { body: s.body() })).status).toBe(401);
    });
  });
});
