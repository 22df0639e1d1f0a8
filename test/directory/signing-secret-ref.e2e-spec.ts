import { randomUUID } from 'node:crypto';
import { Role } from '../../src/common/role';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { createTestApp, TestApp } from '../harness/test-app';
import { signedHeaders } from '../referrals/partner-server';

/**
 * An agency's signingSecretRef names the environment variable holding its HMAC secret. Only
 * EXTERNAL_AGENCY_SECRET_* may be named: otherwise an administrator could point a partner at
 * JWT_SECRET, or at a public value (NODE_ENV) and forge signed status updates with it.
 */
describe('signingSecretRef: only EXTERNAL_AGENCY_SECRET_* variables', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof makeActor>>;
  beforeAll(async () => {
    t = await createTestApp({ env: { EXTERNAL_AGENCY_SECRET_TEST_OK: 'partner-secret-0123456789abcdef' } });
    admin = await makeActor(t.dataSource, Role.Administrator, await makeAgency(t.dataSource));
  });
  afterAll(() => t.close());

  const external = (signingSecretRef: string) => ({
    countryCode: 'GT',
    name: `Externa ${randomUUID().slice(0, 6)}`,
    type: 'ngo',
    onEnlace: false,
    deliveryEndpoint: 'http://127.0.0.1:4010/enlace/referrals',
    signingSecretRef,
  });

  it('refuses any other variable with a field-level 400 (es/en), writing nothing', async () => {
    for (const ref of ['JWT_SECRET', 'NODE_ENV', 'DATABASE_URL', 'external_agency_secret_x']) {
      const res = await t.request('POST', '/api/v1/admin/agencies', {
        token: t.tokenFor(admin),
        body: external(ref),
        headers: { 'accept-language': 'en' },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        {
          field: 'signingSecretRef',
          code: 'isSigningSecretRef',
          message: expect.stringContaining('EXTERNAL_AGENCY_SECRET_'),
        },
      ]);
    }
    const es = await t.request('POST', '/api/v1/admin/agencies', {
      token: t.tokenFor(admin),
      body: external('JWT_SECRET'),
    });
    expect(es.body.errors[0].message).toMatch(/^Debe ser el nombre de una variable de entorno/);
    const ok = await t.request('POST', '/api/v1/admin/agencies', {
      token: t.tokenFor(admin),
      body: external('EXTERNAL_AGENCY_SECRET_TEST_OK'),
    });
    expect(ok.status).toBe(201);
    const rows = await t.dataSource.query(
      `SELECT signing_secret_ref FROM agency WHERE signing_secret_ref IS NOT NULL`,
    );
    expect(rows).toEqual([{ signing_secret_ref: 'EXTERNAL_AGENCY_SECRET_TEST_OK' }]);
  });

  it('asks to fix an old row that names another variable when the agency is next updated', async () => {
    const old = await makeAgency(t.dataSource, { ...external('NODE_ENV'), type: 'ngo' } as never);
    const res = await t.request('PATCH', `/api/v1/admin/agencies/${old.id}`, {
      token: t.tokenFor(admin),
      body: { version: old.version, contactPhone: '+502 2222 3333' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => `${e.field}:${e.code}`)).toEqual([
      'signingSecretRef:isSigningSecretRef',
    ]);
  });

  it('never reads another variable at use time: an old row naming NODE_ENV cannot sign inbound updates', async () => {
    // Written before the rule (directly, not through the API); NODE_ENV is "test" here, "production" in production.
    const old = await makeAgency(t.dataSource, { ...external('NODE_ENV'), type: 'ngo' } as never);
    const raw = JSON.stringify({ referralId: randomUUID(), status: 'accepted' });
    const res = await t.request('POST', '/api/v1/referrals/inbound/status', {
      body: raw,
      headers: signedHeaders(process.env.NODE_ENV!, old.id, raw),
    });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INBOUND_UNAUTHENTICATED');
  });
});
