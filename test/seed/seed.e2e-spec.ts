import { DEMO_AGENCIES, DEMO_PASSWORD, DEMO_USERS } from '../../src/seed/demo-directory';
import { runSeed } from '../../src/seed/seed';
import { login } from '../harness/login';
import { createTestApp, TestApp } from '../harness/test-app';

describe('seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const snapshot = async () => ({
    agencies: await t.dataSource.query('SELECT * FROM agency ORDER BY id'),
    users: await t.dataSource.query('SELECT * FROM app_user ORDER BY id'),
    children: await t.dataSource.query('SELECT count(*)::int AS n FROM child'),
    cases: await t.dataSource.query('SELECT count(*)::int AS n FROM case_file'),
  });

  it('loads the demo directory, and a second run changes nothing', async () => {
    const messages: string[] = [];
    await runSeed(t.dataSource, (m) => messages.push(m));
    const first = await snapshot();
    expect(first.agencies).toHaveLength(DEMO_AGENCIES.length);
    expect(first.users).toHaveLength(DEMO_USERS.length);
    expect(first.children[0].n).toBeGreaterThan(0);
    expect(first.cases[0].n).toBeGreaterThan(0);
    expect(messages[0]).toContain(`${DEMO_AGENCIES.length} written`);

    await runSeed(t.dataSource, (m) => messages.push(m));
    const second = await snapshot();
    expect(second).toEqual(first); // same rows, same updated_at, versions and password hashes
    expect(messages[1]).toContain('(0 written)');
  });

  it('restores a changed seed row on the next run, leaving the others alone', async () => {
    const [sbs] = await t.dataSource.query(
      `SELECT id, version, updated_at FROM agency WHERE acronym = 'SBS'`,
    );
    const [dinaf] = await t.dataSource.query(`SELECT updated_at FROM agency WHERE acronym = 'DINAF'`);
    await t.dataSource.query(`UPDATE agency SET name = 'Renombrada' WHERE id = $1`, [sbs.id]);
    await runSeed(t.dataSource);
    const [after] = await t.dataSource.query(`SELECT name, version FROM agency WHERE id = $1`, [sbs.id]);
    expect(after).toEqual({
      name: 'Secretaría de Bienestar Social de la Presidencia de la República',
      version: sbs.version + 1,
    });
    const [dinafAfter] = await t.dataSource.query(`SELECT updated_at FROM agency WHERE acronym = 'DINAF'`);
    expect(dinafAfter.updated_at).toEqual(dinaf.updated_at);
  });

  it('lets every demo role sign in with the documented password', async () => {
    for (const email of [
      'caseworker.gt',
      'supervisor.hn',
      'referral-focal-point.hn.salud',
      'administrator.gt',
    ].map((l) => `${l}@demo.enlace.example`)) {
      const tokens = await login(t, email, DEMO_PASSWORD);
      const me = await t.request('GET', '/api/v1/auth/me', { token: tokens.accessToken });
      expect(me.body.email).toBe(email);
    }
    const admin = await login(t, 'administrator.hn@demo.enlace.example', DEMO_PASSWORD);
    const ext = await t.request('GET', '/api/v1/admin/agencies?q=KIND', { token: admin.accessToken });
    expect(ext.body.items).toEqual([]); // a US agency is outside a Honduran administrator's scope
    const cw = await login(t, 'caseworker.hn@demo.enlace.example', DEMO_PASSWORD);
    const found = await t.request('GET', '/api/v1/directory/agencies?country=US', { token: cw.accessToken });
    expect(found.body.items).toEqual([
      expect.objectContaining({
        acronym: 'KIND',
        onEnlace: false,
        services: expect.arrayContaining(['legal_assistance']),
      }),
    ]);
    expect(found.body.items[0]).not.toHaveProperty('signingSecretRef');
  });
});
