import { Role } from '../../src/common/role';
import { makeCase, makeConsent } from '../factories/cases.factory';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { createTestApp, TestApp } from '../harness/test-app';

describe('data-sharing agreements (administrators, scoped to their country)', () => {
  let t: TestApp;
  let gtAdmin: any;
  let hnAdmin: any;
  let caseworker: any;
  let auditor: any;
  let gtAgency: any;
  let mxAgency: any;
  beforeAll(async () => {
    t = await createTestApp();
    gtAgency = await makeAgency(t.dataSource, { countryCode: 'GT', type: 'national_lead_unit' });
    mxAgency = await makeAgency(t.dataSource, { countryCode: 'MX', type: 'child_protection_authority' });
    const hnAgency = await makeAgency(t.dataSource, { countryCode: 'HN' });
    gtAdmin = await makeActor(t.dataSource, Role.Administrator, gtAgency);
    hnAdmin = await makeActor(t.dataSource, Role.Administrator, hnAgency);
    caseworker = await makeActor(t.dataSource, Role.Caseworker, gtAgency);
    auditor = await makeActor(t.dataSource, Role.Auditor, gtAgency);
  });
  afterAll(() => t.close());

  const as = (a: any) => ({ token: t.tokenFor(a) });
  const body = (over: Record<string, unknown> = {}) => ({
    reference: 'CONV-GT-MX-2026-04',
    title: 'Convenio SBS–DIF',
    partyAgencyIds: [gtAgency.id, mxAgency.id],
    purposes: ['family_reunification', 'health_care'],
    dataCategories: ['identification', 'case_summary'],
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2028-12-31T23:59:59Z',
    ...over,
  });

  let id: string;

  it('lets an administrator record one that involves their country (pending the other country)', async () => {
    const res = await t.request('POST', '/api/v1/agreements', { ...as(gtAdmin), body: body() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'pending_approval',
      involvedCountries: ['GT', 'MX'],
      approvals: [{ countryCode: 'GT', approvedBy: gtAdmin.userId, approvedAt: expect.any(String) }],
      version: 1,
    });
    id = res.body.id;
    const audit = await t.dataSource.query(`SELECT action FROM audit_entry WHERE subject_id = $1`, [id]);
    expect(audit).toEqual([{ action: 'agreement.create' }]);
  });

  it('refuses one that does not involve their country', async () => {
    const res = await t.request('POST', '/api/v1/agreements', {
      ...as(hnAdmin),
      body: body({ partyAgencyIds: [], partyCountryCodes: ['GT', 'MX'] }),
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('AGREEMENT_OUTSIDE_SCOPE');
  });

  it('validates vocabularies, countries, parties and dates (field details, nothing written)', async () => {
    const res = await t.request('POST', '/api/v1/agreements', {
      ...as(gtAdmin),
      body: body({
        partyCountryCodes: ['ZZ'],
        purposes: ['karaoke'],
        dataCategories: ['horoscope'],
        validUntil: '2025-01-01T00:00:00Z',
      }),
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: any) => e.code).sort()).toEqual(
      ['beforeValidFrom', 'vocabulary', 'unknownCountry', 'vocabulary'].sort(),
    );
    const shape = await t.request('POST', '/api/v1/agreements', {
      ...as(gtAdmin),
      body: body({ validFrom: 'soon', purposes: [] }),
    });
    expect(shape.status).toBe(400);
    const n = await t.dataSource.query('SELECT count(*)::int AS n FROM data_sharing_agreement');
    expect(n[0].n).toBe(1);
  });

  it('lists, reads and updates with optimistic locking, within the country only', async () => {
    const list = await t.request('GET', '/api/v1/agreements', as(gtAdmin));
    expect(list.body.items.map((a: any) => a.id)).toEqual([id]);
    expect((await t.request('GET', '/api/v1/agreements', as(hnAdmin))).body.items).toEqual([]);
    expect((await t.request('GET', `/api/v1/agreements/${id}`, as(hnAdmin))).status).toBe(403);
    const upd = await t.request('PATCH', `/api/v1/agreements/${id}`, {
      ...as(gtAdmin),
      body: { version: 1, status: 'suspended' },
    });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ status: 'suspended', version: 2 });
    const stale = await t.request('PATCH', `/api/v1/agreements/${id}`, {
      ...as(gtAdmin),
      body: { version: 1, status: 'active' },
    });
    expect(stale.body.code).toBe('STALE_VERSION');
    const filtered = await t.request('GET', `/api/v1/agreements?status=active`, as(gtAdmin));
    expect(filtered.body.items).toEqual([]);
  });

  it('pages with a keyset cursor', async () => {
    for (let i = 0; i < 3; i++)
      await t.request('POST', '/api/v1/agreements', {
        ...as(gtAdmin),
        body: body({ reference: `CONV-${i}` }),
      });
    const p1 = await t.request('GET', '/api/v1/agreements?limit=2', as(gtAdmin));
    const p2 = await t.request('GET', `/api/v1/agreements?limit=2&cursor=${p1.body.nextCursor}`, as(gtAdmin));
    expect(p1.body.items).toHaveLength(2);
    expect(p2.body.items).toHaveLength(2);
    expect(p2.body.nextCursor).toBeNull();
    expect(new Set([...p1.body.items, ...p2.body.items].map((a: any) => a.id)).size).toBe(4);
  });

  it('lets caseworkers read but not change them; auditors get nothing', async () => {
    expect((await t.request('GET', `/api/v1/agreements/${id}`, as(caseworker))).status).toBe(200);
    expect((await t.request('POST', '/api/v1/agreements', { ...as(caseworker), body: body() })).status).toBe(
      403,
    );
    expect(
      (
        await t.request('PATCH', `/api/v1/agreements/${id}`, {
          ...as(caseworker),
          body: { version: 2, status: 'active' },
        })
      ).status,
    ).toBe(403);
    expect((await t.request('GET', '/api/v1/agreements', as(auditor))).status).toBe(403);
    expect((await t.request('GET', '/api/v1/agreements')).status).toBe(401);
  });

  describe('one country cannot authorize sharing between others', () => {
    let hnSender: any;
    let mxRecipient: any;
    let hnCaseworker: any;
    let mxAdmin: any;
    let svAdmin: any;
    let referral: () => Promise<{ status: number; body: any }>;
    let multi: any;
    beforeAll(async () => {
      hnSender = await makeAgency(t.dataSource, { countryCode: 'HN', type: 'reception_center' });
      mxRecipient = await makeAgency(t.dataSource, {
        countryCode: 'MX',
        type: 'health',
        services: ['health_care'],
      });
      hnCaseworker = await makeActor(t.dataSource, Role.Caseworker, hnSender);
      mxAdmin = await makeActor(t.dataSource, Role.Administrator, mxRecipient);
      svAdmin = await makeActor(
        t.dataSource,
        Role.Administrator,
        await makeAgency(t.dataSource, { countryCode: 'SV' }),
      );
      const caseFile = await makeCase(t.dataSource, hnSender, { assignedUserId: hnCaseworker.userId });
      const consent = await makeConsent(t.dataSource, caseFile, {
        purposes: ['health_care'],
        recipientAgencyIds: [mxRecipient.id],
        dataCategories: ['identification', 'case_summary', 'health'],
      });
      referral = () =>
        t.request('POST', '/api/v1/referrals', {
          ...as(hnCaseworker),
          body: {
            caseId: caseFile.id,
            recipientAgencyId: mxRecipient.id,
            serviceType: 'health_care',
            purpose: 'health_care',
            urgency: 'priority',
            reason: 'Evaluación médica',
            consentId: consent.id,
          },
        });
    });
    const approve = (a: any, version: number) =>
      t.request('POST', `/api/v1/agreements/${multi.id}/approve`, { ...as(a), body: { version } });

    it('refuses an HN→MX referral without an agreement', async () => {
      expect((await referral()).body.code).toBe('NO_AGREEMENT');
    });

    it('refuses (and audits) an agreement that names only other countries', async () => {
      const res = await t.request('POST', '/api/v1/agreements', {
        ...as(gtAdmin),
        body: body({ partyAgencyIds: [hnSender.id, mxRecipient.id] }),
      });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('AGREEMENT_OUTSIDE_SCOPE');
      const denied = await t.dataSource.query(
        `SELECT 1 FROM audit_entry WHERE actor_user_id = $1 AND action = 'agreement.create' AND outcome = 'denied'`,
        [gtAdmin.userId],
      );
      expect(denied).toHaveLength(1);
    });

    it('keeps a GT–HN–MX agreement created by GT from covering anything until HN and MX approve', async () => {
      const res = await t.request('POST', '/api/v1/agreements', {
        ...as(gtAdmin),
        body: body({
          partyAgencyIds: [],
          partyCountryCodes: ['GT', 'HN', 'MX'],
          purposes: ['health_care'],
          dataCategories: ['identification', 'case_summary', 'health'],
        }),
      });
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('pending_approval');
      multi = res.body;
      expect((await referral()).body.code).toBe('NO_AGREEMENT');
    });

    it('refuses (and audits) approval by a country that is not a party, or by another role', async () => {
      const sv = await approve(svAdmin, 1);
      expect(sv.status).toBe(403);
      const denied = await t.dataSource.query(
        `SELECT 1 FROM audit_entry WHERE actor_user_id = $1 AND action = 'agreement.approve' AND outcome = 'denied'`,
        [svAdmin.userId],
      );
      expect(denied).toHaveLength(1);
      const cw = await approve(hnCaseworker, 1);
      expect(cw.status).toBe(403);
      const gt = await approve(gtAdmin, 1);
      expect(gt.status).toBe(409);
      expect(gt.body.code).toBe('AGREEMENT_ALREADY_APPROVED');
      expect((await t.request('GET', `/api/v1/agreements/${multi.id}`, as(gtAdmin))).body).toMatchObject({
        status: 'pending_approval',
        version: 1,
      });
    });

    it('activates it with the last party country’s approval of the terms it read', async () => {
      const hn = await approve(hnAdmin, 1);
      expect(hn.status).toBe(200);
      expect(hn.body).toMatchObject({ status: 'pending_approval', version: 2 });
      expect((await referral()).body.code).toBe('NO_AGREEMENT');
      expect((await approve(mxAdmin, 1)).body.code).toBe('STALE_VERSION');
      const mx = await approve(mxAdmin, 2);
      expect(mx.body).toMatchObject({ status: 'active', version: 3 });
      expect(mx.body.approvals.map((a: any) => a.countryCode)).toEqual(['GT', 'HN', 'MX']);
      const ok = await referral();
      expect(ok.status).toBe(201);
      expect(ok.body.agreementId).toBe(multi.id);
      expect((await approve(mxAdmin, 3)).body.code).toBe('AGREEMENT_NOT_PENDING');
      const audit = await t.dataSource.query(
        `SELECT action, fields FROM audit_entry WHERE subject_id = $1 AND outcome = 'allowed' ORDER BY id`,
        [multi.id],
      );
      expect(audit.map((a: any) => a.action)).toEqual([
        'agreement.create',
        'agreement.approve',
        'agreement.approve',
      ]);
      expect(audit[2].fields).toEqual(['approvals', 'status']);
    });

    it('needs the other countries again when one widens the terms or lifts another’s suspension', async () => {
      const wider = await t.request('PATCH', `/api/v1/agreements/${multi.id}`, {
        ...as(gtAdmin),
        body: { version: 3, purposes: ['health_care', 'education'] },
      });
      expect(wider.body).toMatchObject({ status: 'pending_approval', version: 4 });
      expect(wider.body.approvals.map((a: any) => a.countryCode)).toEqual(['GT']);
      expect((await referral()).body.code).toBe('NO_AGREEMENT');
      await approve(hnAdmin, 4);
      expect((await approve(mxAdmin, 5)).body.status).toBe('active');
      const narrower = await t.request('PATCH', `/api/v1/agreements/${multi.id}`, {
        ...as(hnAdmin),
        body: { version: 6, purposes: ['health_care'], status: 'suspended' },
      });
      expect(narrower.body).toMatchObject({ status: 'suspended', version: 7 });
      expect(narrower.body.approvals).toHaveLength(3);
      const lifted = await t.request('PATCH', `/api/v1/agreements/${multi.id}`, {
        ...as(gtAdmin),
        body: { version: 7, status: 'active' },
      });
      expect(lifted.body).toMatchObject({ status: 'pending_approval', version: 8 });
      expect((await referral()).body.code).toBe('NO_AGREEMENT');
    });
  });
});
