import type { Actor } from '../../src/common/actor';
import { Role } from '../../src/common/role';
import { Agency } from '../../src/directory/agency.entity';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { makeUser } from '../factories/users.factory';
import { login } from '../harness/login';
import { createTestApp, TestApp } from '../harness/test-app';

describe('directory: administration, country scope, search and redaction', () => {
  let t: TestApp;
  let gt: Agency;
  let hn: Agency;
  let external: Agency;
  let adminGt: Actor;
  let adminHn: Actor;
  let caseworker: Actor;
  let analyst: Actor;

  beforeAll(async () => {
    t = await createTestApp();
    gt = await makeAgency(t.dataSource, {
      countryCode: 'GT',
      name: 'Casa Nuestras Raíces Quetzaltenango',
      type: 'reception_center',
      services: ['reception_return', 'protection_shelter'],
    });
    hn = await makeAgency(t.dataSource, {
      countryCode: 'HN',
      name: 'DINAF Regional San Pedro Sula',
      type: 'child_protection_authority',
      services: ['special_protection_measures', 'family_reunification'],
    });
    external = await makeAgency(t.dataSource, {
      countryCode: 'HN',
      name: 'Sistema Externo de Protección',
      type: 'ngo',
      services: ['legal_assistance'],
      onEnlace: false,
      deliveryEndpoint: 'http://127.0.0.1:4010/enlace/referrals',
      signingSecretRef: 'EXTERNAL_AGENCY_SECRET_HN',
    });
    await makeAgency(t.dataSource, {
      countryCode: 'HN',
      name: 'Cerrada',
      active: false,
      services: ['protection_shelter'],
    });
    adminGt = await makeActor(t.dataSource, Role.Administrator, gt);
    adminHn = await makeActor(t.dataSource, Role.Administrator, hn);
    caseworker = await makeActor(t.dataSource, Role.Caseworker, gt);
    analyst = await makeActor(t.dataSource, Role.RegionalAnalyst, gt);
  });
  afterAll(() => t.close());

  const as = (a: Actor, method: string, url: string, body?: unknown) =>
    t.request(method, url, { token: t.tokenFor(a), body });
  const denied = async (a: Actor) =>
    Number(
      (
        await t.dataSource.query(
          `SELECT count(*) AS n FROM audit_entry WHERE actor_user_id = $1 AND outcome = 'denied'`,
          [a.userId],
        )
      )[0].n,
    );

  describe('country scope of administrators', () => {
    it('refuses (and audits) creating an agency in another country', async () => {
      const before = await denied(adminGt);
      const res = await as(adminGt, 'POST', '/api/v1/admin/agencies', {
        countryCode: 'HN',
        name: 'Intrusa',
        type: 'ngo',
      });
      expect(res.status).toBe(403);
      expect(await denied(adminGt)).toBe(before + 1);
      expect(await t.dataSource.query(`SELECT 1 FROM agency WHERE name = 'Intrusa'`)).toHaveLength(0);
    });

    it('refuses creating a user at an agency of another country', async () => {
      const res = await as(adminGt, 'POST', '/api/v1/admin/users', {
        agencyId: hn.id,
        role: 'caseworker',
        email: 'intruso@example.org',
        fullName: 'Intruso',
      });
      expect(res.status).toBe(403);
      expect(
        await t.dataSource.query(`SELECT 1 FROM app_user WHERE email = 'intruso@example.org'`),
      ).toHaveLength(0);
    });

    it('refuses reading, updating or deactivating another country’s agency and users', async () => {
      const hnUser = await makeActor(t.dataSource, Role.Caseworker, hn);
      expect((await as(adminGt, 'GET', `/api/v1/admin/agencies/${hn.id}`)).status).toBe(403);
      expect(
        (await as(adminGt, 'PATCH', `/api/v1/admin/agencies/${hn.id}`, { version: 1, city: 'X' })).status,
      ).toBe(403);
      expect((await as(adminGt, 'POST', `/api/v1/admin/agencies/${hn.id}/deactivate`)).status).toBe(403);
      expect((await as(adminGt, 'GET', `/api/v1/admin/users/${hnUser.userId}`)).status).toBe(403);
      expect((await as(adminGt, 'POST', `/api/v1/admin/users/${hnUser.userId}/deactivate`)).status).toBe(403);
      expect(
        (await as(adminGt, 'POST', `/api/v1/admin/users/${hnUser.userId}/activation-reset`)).status,
      ).toBe(403);
    });

    it('refuses moving one of its users to another country’s agency', async () => {
      const u = await makeActor(t.dataSource, Role.Caseworker, gt);
      const res = await as(adminGt, 'PATCH', `/api/v1/admin/users/${u.userId}`, {
        version: 1,
        agencyId: hn.id,
      });
      expect(res.status).toBe(403);
      const [row] = await t.dataSource.query('SELECT agency_id FROM app_user WHERE id = $1', [u.userId]);
      expect(row.agency_id).toBe(gt.id);
    });

    it('lists only its own country’s agencies and users, exactly as in the database', async () => {
      const agencies = await collect(t, adminHn, '/api/v1/admin/agencies?limit=2');
      const expected = await t.dataSource.query(
        `SELECT id FROM agency WHERE country_code = 'HN' ORDER BY name, id`,
      );
      expect(agencies.map((a) => a.id)).toEqual(expected.map((r: any) => r.id));
      const users = await collect(t, adminGt, '/api/v1/admin/users?limit=3');
      const expectedUsers = await t.dataSource.query(
        `SELECT u.id FROM app_user u JOIN agency a ON a.id = u.agency_id WHERE a.country_code = 'GT' ORDER BY u.email, u.id`,
      );
      expect(users.map((u) => u.id)).toEqual(expectedUsers.map((r: any) => r.id));
      expect(users[0]).not.toHaveProperty('passwordHash');
    });

    it('keeps an administrator from deactivating themselves or changing their own role', async () => {
      expect((await as(adminGt, 'POST', `/api/v1/admin/users/${adminGt.userId}/deactivate`)).status).toBe(
        403,
      );
      const v = (await t.dataSource.query('SELECT version FROM app_user WHERE id = $1', [adminGt.userId]))[0]
        .version;
      expect(
        (
          await as(adminGt, 'PATCH', `/api/v1/admin/users/${adminGt.userId}`, {
            version: v,
            role: 'caseworker',
          })
        ).status,
      ).toBe(403);
      const ok = await as(adminGt, 'PATCH', `/api/v1/admin/users/${adminGt.userId}`, {
        version: v,
        language: 'en',
      });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ language: 'en', version: v + 1 });
    });
  });

  describe('agency administration', () => {
    it('creates, updates with optimistic versions, deactivates and reactivates an agency, auditing each step', async () => {
      const created = await as(adminGt, 'POST', '/api/v1/admin/agencies', {
        countryCode: 'GT',
        name: 'Centro de Salud de Tecún Umán',
        acronym: 'CS-TU',
        city: 'Tecún Umán',
        type: 'health',
        services: ['health_care', 'health_care'],
        contactEmail: 'Contacto@Salud.example.gt',
        contactPhone: '+502 7776 0000',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'Centro de Salud de Tecún Umán',
        services: ['health_care'],
        contactEmail: 'contacto@salud.example.gt',
        onEnlace: true,
        active: true,
        version: 1,
      });
      const id = created.body.id;
      const updated = await as(adminGt, 'PATCH', `/api/v1/admin/agencies/${id}`, {
        version: 1,
        services: ['health_care', 'psychosocial_support'],
      });
      expect(updated.status).toBe(200);
      expect(updated.body.version).toBe(2);

      const stale = await as(adminGt, 'PATCH', `/api/v1/admin/agencies/${id}`, { version: 1, city: 'Otra' });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      expect(stale.body.detail).toContain('2');

      const off = await as(adminGt, 'POST', `/api/v1/admin/agencies/${id}/deactivate`, { version: 2 });
      expect(off.status).toBe(200);
      expect(off.body).toMatchObject({ active: false, version: 3 });
      const search = await as(caseworker, 'GET', '/api/v1/directory/agencies?country=GT&q=Tecún');
      expect(search.body.items).toEqual([]);
      expect((await as(caseworker, 'GET', `/api/v1/directory/agencies/${id}`)).status).toBe(403);
      const on = await as(adminGt, 'POST', `/api/v1/admin/agencies/${id}/activate`);
      expect(on.body.active).toBe(true);

      const actions = await t.dataSource.query(
        `SELECT action, fields FROM audit_entry WHERE subject_id = $1 AND outcome = 'allowed' ORDER BY id`,
        [id],
      );
      expect(actions).toEqual([
        { action: 'agency.create', fields: expect.arrayContaining(['name', 'services']) },
        { action: 'agency.update', fields: ['services'] },
        { action: 'agency.deactivate', fields: ['active'] },
        { action: 'agency.activate', fields: ['active'] },
      ]);
    });

    it('rejects unknown service types and inconsistent external-agency fields, writing nothing', async () => {
      const bad = await as(adminGt, 'POST', '/api/v1/admin/agencies', {
        countryCode: 'GT',
        name: 'Mal configurada',
        type: 'ngo',
        services: ['health_care', 'astrology'],
        signingSecretRef: 'EXTERNAL_AGENCY_SECRET_GT',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: any) => `${e.field}:${e.code}`).sort()).toEqual([
        'services.1:vocabulary',
        'signingSecretRef:onlyForExternalAgency',
      ]);
      const ext = await as(adminGt, 'POST', '/api/v1/admin/agencies', {
        countryCode: 'GT',
        name: 'Externa sin endpoint',
        type: 'ngo',
        onEnlace: false,
      });
      expect(ext.status).toBe(400);
      expect(ext.body.errors.map((e: any) => e.field).sort()).toEqual([
        'deliveryEndpoint',
        'signingSecretRef',
      ]);
      const shape = await as(adminGt, 'POST', '/api/v1/admin/agencies', {
        countryCode: 'XX',
        name: 'Z',
        type: 'bank',
        onEnlace: null,
        secret: 'x',
      });
      expect(shape.status).toBe(400);
      expect(shape.body.errors.map((e: any) => e.field)).toEqual(
        expect.arrayContaining(['countryCode', 'name', 'type', 'onEnlace', 'secret']),
      );
      const rows = await t.dataSource.query(
        `SELECT 1 FROM agency WHERE name IN ('Mal configurada', 'Externa sin endpoint')`,
      );
      expect(rows).toHaveLength(0);
      expect((await as(adminGt, 'GET', '/api/v1/admin/agencies/not-a-uuid')).status).toBe(400);
      expect((await as(adminGt, 'GET', `/api/v1/admin/agencies/${gt.id.replace(/.$/, '0')}`)).status).toBe(
        gt.id.endsWith('0') ? 200 : 404,
      );
      expect((await as(adminGt, 'GET', '/api/v1/admin/agencies?cursor=garbage')).body).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'cursor', code: 'invalidCursor' }],
      });
    });

    it('shows the delivery endpoint and secret name to administrators only', async () => {
      const admin = await as(adminHn, 'GET', `/api/v1/admin/agencies/${external.id}`);
      expect(admin.body).toMatchObject({
        deliveryEndpoint: 'http://127.0.0.1:4010/enlace/referrals',
        signingSecretRef: 'EXTERNAL_AGENCY_SECRET_HN',
      });
      const list = await as(
        caseworker,
        'GET',
        '/api/v1/directory/agencies?country=HN&service=legal_assistance',
      );
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0]).toMatchObject({
        id: external.id,
        onEnlace: false,
        name: 'Sistema Externo de Protección',
      });
      expect(list.body.items[0]).not.toHaveProperty('deliveryEndpoint');
      expect(list.body.items[0]).not.toHaveProperty('signingSecretRef');
      const one = await as(caseworker, 'GET', `/api/v1/directory/agencies/${external.id}`);
      expect(one.status).toBe(200);
      expect(one.body).not.toHaveProperty('deliveryEndpoint');
      expect(one.body).not.toHaveProperty('signingSecretRef');
      expect(JSON.stringify(one.body)).not.toContain('EXTERNAL_AGENCY_SECRET');
    });
  });

  describe('user administration', () => {
    it('creates a user who activates the account and signs in; enforces password rules and unique emails', async () => {
      // A supervisor needs a second person (test/directory/user-grants.e2e-spec.ts); the GT
      // administrator of another agency approves and hands the token over.
      const approver = await makeActor(
        t.dataSource,
        Role.Administrator,
        await makeAgency(t.dataSource, { countryCode: 'GT', active: false }),
      );
      const ok = await as(adminGt, 'POST', '/api/v1/admin/users', {
        agencyId: gt.id,
        role: 'supervisor',
        email: 'Rosa.Ixcot@example.org',
        fullName: 'Rosa Ixcot',
        language: 'es',
      });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({
        email: 'rosa.ixcot@example.org',
        role: 'supervisor',
        countryCode: 'GT',
        accessState: 'awaiting_approval',
        version: 1,
      });
      expect(ok.body).not.toHaveProperty('passwordHash');
      const approved = await as(approver, 'POST', `/api/v1/user-grants/${ok.body.grant.id}/approve`);
      const token = approved.body.activation.token;
      const weak = await t.request('POST', '/api/v1/auth/activate', {
        body: { token, password: 'ixcot2026ixcot' },
      });
      expect(weak.status).toBe(400);
      expect(weak.body.code).toBe('PASSWORD_REJECTED');
      const activated = await t.request('POST', '/api/v1/auth/activate', {
        body: { token, password: 'Volcán-de-Agua-3760' },
      });
      expect(activated.status).toBe(204);
      const tokens = await login(t, 'rosa.ixcot@example.org', 'Volcán-de-Agua-3760');
      const dup = await as(adminGt, 'POST', '/api/v1/admin/users', {
        agencyId: gt.id,
        role: 'caseworker',
        email: 'rosa.ixcot@example.org',
        fullName: 'Otra Rosa',
      });
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('EMAIL_TAKEN');

      // Deactivation ends the sessions and stops sign-in; reactivation lets the user back in.
      const v = (await as(adminGt, 'GET', `/api/v1/admin/users/${ok.body.id}`)).body.version;
      const off = await as(adminGt, 'POST', `/api/v1/admin/users/${ok.body.id}/deactivate`, { version: v });
      expect(off.body).toMatchObject({ active: false, version: v + 1 });
      expect(
        (await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: tokens.refreshToken } }))
          .status,
      ).toBe(401);
      const blocked = await t.request('POST', '/api/v1/auth/login', {
        body: { email: 'rosa.ixcot@example.org', password: 'Volcán-de-Agua-3760' },
      });
      expect(blocked.status).toBe(401);
      await as(adminGt, 'POST', `/api/v1/admin/users/${ok.body.id}/activate`);
      await login(t, 'rosa.ixcot@example.org', 'Volcán-de-Agua-3760');
    });

    it('resets a lead-unit officer’s credentials: new token to the administrator, lockout cleared, sessions end', async () => {
      const u = await makeUser(t.dataSource, Role.LeadUnitOfficer, gt);
      const s = await login(t, u.email, u.password);
      await t.dataSource.query(
        `UPDATE app_user SET failed_logins = 5, locked_until = now() + interval '1 hour' WHERE id = $1`,
        [u.user.id],
      );
      const res = await as(adminGt, 'POST', `/api/v1/admin/users/${u.user.id}/activation-reset`);
      expect(res.status).toBe(200);
      expect(res.body.accessState).toBe('awaiting_activation');
      expect(
        (await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: s.refreshToken } })).status,
      ).toBe(401);
      const activated = await t.request('POST', '/api/v1/auth/activate', {
        body: { token: res.body.activation.token, password: 'Lago-de-Atitlán-1562' },
      });
      expect(activated.status).toBe(204);
      await login(t, u.email, 'Lago-de-Atitlán-1562');
    });

    it('filters users by agency, role and text', async () => {
      const res = await as(
        adminGt,
        'GET',
        `/api/v1/admin/users?role=administrator&agencyId=${gt.id}&active=true`,
      );
      expect(res.status).toBe(200);
      expect(res.body.items.map((u: any) => u.id)).toEqual([adminGt.userId]);
      const q = await as(adminGt, 'GET', '/api/v1/admin/users?q=ixcot');
      expect(q.body.items.map((u: any) => u.email)).toEqual(['rosa.ixcot@example.org']);
    });
  });

  describe('directory search', () => {
    it('finds active agencies of any country by country, type, service and text, keyset-paged', async () => {
      const byService = await as(caseworker, 'GET', '/api/v1/directory/agencies?service=protection_shelter');
      expect(byService.body.items.map((a: any) => a.name)).toEqual(['Casa Nuestras Raíces Quetzaltenango']);
      const byType = await as(
        caseworker,
        'GET',
        '/api/v1/directory/agencies?country=HN&type=child_protection_authority',
      );
      expect(byType.body.items.map((a: any) => a.id)).toEqual([hn.id]);
      const byText = await as(caseworker, 'GET', '/api/v1/directory/agencies?q=raíces');
      expect(byText.body.items.map((a: any) => a.id)).toEqual([gt.id]);
      const wildcard = await as(caseworker, 'GET', '/api/v1/directory/agencies?q=%25');
      expect(wildcard.body.items).toEqual([]);

      const all = await collect(t, caseworker, '/api/v1/directory/agencies?limit=2');
      const expected = await t.dataSource.query('SELECT id FROM agency WHERE active ORDER BY name, id');
      expect(all.map((a) => a.id)).toEqual(expected.map((r: any) => r.id));
      expect(all.every((a) => a.active)).toBe(true);
      expect(all[0]).not.toHaveProperty('version');
    });

    it('rejects bad filters with field details', async () => {
      const res = await as(
        caseworker,
        'GET',
        '/api/v1/directory/agencies?country=FR&type=bank&limit=500&extra=1',
      );
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: any) => e.field).sort()).toEqual(['country', 'extra', 'limit', 'type']);
    });

    it('shows an agency’s active focal points to referring roles, and nothing to analysts', async () => {
      const fp = await makeUser(t.dataSource, Role.ReferralFocalPoint, hn, { fullName: 'Karla Mejía' });
      await makeUser(t.dataSource, Role.ReferralFocalPoint, hn, { fullName: 'Inactiva', active: false });
      await makeUser(t.dataSource, Role.Supervisor, hn, { fullName: 'Supervisor HN' });
      const res = await as(caseworker, 'GET', `/api/v1/directory/agencies/${hn.id}`);
      expect(res.status).toBe(200);
      expect(res.body.focalPoints).toEqual([
        {
          id: fp.user.id,
          agencyId: hn.id,
          role: 'referral_focal_point',
          fullName: 'Karla Mejía',
          email: fp.email,
        },
      ]);
      const denied = await as(analyst, 'GET', `/api/v1/directory/agencies/${hn.id}`);
      expect(denied.status).toBe(403);
    });

    it('lists the CRM countries and the service vocabulary', async () => {
      const c = await as(analyst, 'GET', '/api/v1/directory/countries');
      expect(c.body.items).toHaveLength(11);
      expect(c.body.items).toContainEqual({ code: 'SV', es: 'El Salvador', en: 'El Salvador' });
      const s = await as(caseworker, 'GET', '/api/v1/directory/service-types');
      expect(s.body.items).toContainEqual(
        expect.objectContaining({
          code: 'civil_registration',
          needs: ['identification', 'documents', 'case_summary'],
        }),
      );
    });
  });
});

/** Follows nextCursor to the end, checking that no page repeats a row. */
async function collect(t: TestApp, a: Actor, url: string): Promise<any[]> {
  const out: any[] = [];
  let cursor: string | null = null;
  do {
    const res = await t.request('GET', cursor ? `${url}&cursor=${cursor}` : url, { token: t.tokenFor(a) });
    expect(res.status).toBe(200);
    out.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  expect(new Set(out.map((r) => r.id)).size).toBe(out.length);
  return out;
}
