import { Role } from '../../src/auth/role';
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

  it('lets an administrator record one that involves their country', async () => {
    const res = await t.request('POST', '/api/v1/agreements', { ...as(gtAdmin), body: body() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'active', involvedCountries: ['GT', 'MX'], version: 1 });
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
      ['beforeValidFrom', 'unknownCategory', 'unknownCountry', 'unknownPurpose'].sort(),
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
});
