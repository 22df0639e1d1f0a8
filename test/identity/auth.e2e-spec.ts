import { Role } from '../../src/common/role';
import { LOCKOUT_MAX_FAILURES, LOCKOUT_MINUTES } from '../../src/identity/identity.constants';
import { makeAgency } from '../factories/directory.factory';
import { makeUser } from '../factories/users.factory';
import { login } from '../harness/login';
import { createTestApp, TestApp } from '../harness/test-app';

const LOGIN = '/api/v1/auth/login';

describe('identity: login, lockout, refresh, logout, password, me', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2026-03-02T10:00:00Z'));

  const audit = (action: string) =>
    t.dataSource.query(
      `SELECT actor_user_id AS "userId", actor_role AS role, outcome, fields, subject_id AS "subjectId"
         FROM audit_entry WHERE action = $1 ORDER BY id`,
      [action],
    );

  it('signs in with the right password and returns a bearer pair that works', async () => {
    const agency = await makeAgency(t.dataSource, { countryCode: 'HN' });
    const u = await makeUser(t.dataSource, Role.Caseworker, agency);
    const res = await t.request('POST', LOGIN, {
      body: { email: u.email.toUpperCase(), password: u.password },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(res.body.refreshToken).toEqual(expect.any(String));
    const me = await t.request('GET', '/api/v1/auth/me', { token: res.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: u.user.id,
      email: u.email,
      role: 'caseworker',
      language: 'es',
      agency: { id: agency.id, countryCode: 'HN', type: 'reception_center' },
      country: { code: 'HN', es: 'Honduras', en: 'Honduras' },
    });
    const rows = await audit('auth.login');
    expect(rows).toContainEqual(
      expect.objectContaining({ userId: u.user.id, role: 'caseworker', outcome: 'allowed' }),
    );
    // The refresh token is stored only as its hash.
    const stored = await t.dataSource.query('SELECT token_hash FROM refresh_token WHERE user_id = $1', [
      u.user.id,
    ]);
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toBe(res.body.refreshToken);
  });

  it('answers an unknown email and a wrong password identically, and audits neither email nor password', async () => {
    const agency = await makeAgency(t.dataSource);
    const u = await makeUser(t.dataSource, Role.Supervisor, agency);
    const before = (await audit('auth.login.failed')).length;
    const wrong = await t.request('POST', LOGIN, {
      body: { email: u.email, password: 'Not-The-Password-1' },
    });
    const unknown = await t.request('POST', LOGIN, {
      body: { email: 'nobody.here@example.org', password: 'Not-The-Password-1' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = (b: any) => ({ ...b, requestId: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.headers['retry-after']).toBeUndefined();
    expect(unknown.headers['retry-after']).toBeUndefined();
    const rows = (await audit('auth.login.failed')).slice(before);
    expect(rows).toEqual([
      expect.objectContaining({ userId: u.user.id, outcome: 'failed', fields: ['passwordHash'] }),
      expect.objectContaining({ userId: null, outcome: 'failed', fields: [] }),
    ]);
    const all = JSON.stringify(await t.dataSource.query('SELECT * FROM audit_entry'));
    expect(all).not.toContain('nobody.here');
    expect(all).not.toContain(u.email);
    expect(all).not.toContain('Not-The-Password-1');
  });

  it(`locks the account after ${LOCKOUT_MAX_FAILURES} failures for ${LOCKOUT_MINUTES} minutes, then lets it in`, async () => {
    const agency = await makeAgency(t.dataSource);
    const u = await makeUser(t.dataSource, Role.Caseworker, agency);
    for (let i = 1; i < LOCKOUT_MAX_FAILURES; i++) {
      const r = await t.request('POST', LOGIN, { body: { email: u.email, password: `Wrong-password-${i}` } });
      expect(r.status).toBe(401);
      expect(r.headers['retry-after']).toBeUndefined();
    }
    const fifth = await t.request('POST', LOGIN, { body: { email: u.email, password: 'Wrong-password-5' } });
    expect(fifth.status).toBe(401);
    expect(fifth.headers['retry-after']).toBe(String(LOCKOUT_MINUTES * 60));
    expect(await audit('auth.lockout')).toContainEqual(expect.objectContaining({ userId: u.user.id }));

    // Locked: even the right password gets the same answer, with the time left.
    t.clock.advance(5 * 60_000);
    const locked = await t.request('POST', LOGIN, { body: { email: u.email, password: u.password } });
    expect(locked.status).toBe(401);
    expect(locked.body.code).toBe('INVALID_CREDENTIALS');
    expect(locked.headers['retry-after']).toBe(String((LOCKOUT_MINUTES - 5) * 60));

    // After the cool-down the right password works and the count starts again.
    t.clock.advance((LOCKOUT_MINUTES - 5) * 60_000 + 1000);
    await login(t, u.email, u.password);
    const [row] = await t.dataSource.query('SELECT failed_logins, locked_until FROM app_user WHERE id = $1', [
      u.user.id,
    ]);
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
  });

  it('starts a fresh count after a lock runs out, and resets the count on success', async () => {
    const agency = await makeAgency(t.dataSource);
    const u = await makeUser(t.dataSource, Role.Caseworker, agency);
    for (let i = 0; i < LOCKOUT_MAX_FAILURES; i++)
      await t.request('POST', LOGIN, { body: { email: u.email, password: 'Wrong-password-0' } });
    t.clock.advance(LOCKOUT_MINUTES * 60_000 + 1000);
    const again = await t.request('POST', LOGIN, { body: { email: u.email, password: 'Wrong-password-0' } });
    expect(again.status).toBe(401);
    expect(again.headers['retry-after']).toBeUndefined();
    const [row] = await t.dataSource.query('SELECT failed_logins FROM app_user WHERE id = $1', [u.user.id]);
    expect(row.failed_logins).toBe(1);
    await login(t, u.email, u.password);
    const [after] = await t.dataSource.query('SELECT failed_logins FROM app_user WHERE id = $1', [u.user.id]);
    expect(after.failed_logins).toBe(0);
  });

  it('does not let inactive users (or users of an inactive agency) sign in or refresh', async () => {
    const agency = await makeAgency(t.dataSource);
    const inactive = await makeUser(t.dataSource, Role.Caseworker, agency, { active: false });
    const r = await t.request('POST', LOGIN, {
      body: { email: inactive.email, password: inactive.password },
    });
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('INVALID_CREDENTIALS');

    const active = await makeUser(t.dataSource, Role.Caseworker, agency);
    const tokens = await login(t, active.email, active.password);
    await t.dataSource.query('UPDATE app_user SET active = false WHERE id = $1', [active.user.id]);
    const refreshed = await t.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: tokens.refreshToken },
    });
    expect(refreshed.status).toBe(401);
    expect(refreshed.body.code).toBe('INVALID_REFRESH_TOKEN');

    const other = await makeAgency(t.dataSource, { active: false });
    const atClosed = await makeUser(t.dataSource, Role.Caseworker, other);
    const closed = await t.request('POST', LOGIN, {
      body: { email: atClosed.email, password: atClosed.password },
    });
    expect(closed.status).toBe(401);
  });

  it('rotates refresh tokens in one family and revokes the family when a spent token is reused', async () => {
    const agency = await makeAgency(t.dataSource);
    const u = await makeUser(t.dataSource, Role.ReferralFocalPoint, agency);
    const first = await login(t, u.email, u.password);
    const r1 = await t.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: first.refreshToken },
    });
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(first.refreshToken);
    expect((await t.request('GET', '/api/v1/auth/me', { token: r1.body.accessToken })).status).toBe(200);
    const r2 = await t.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: r1.body.refreshToken },
    });
    expect(r2.status).toBe(200);
    const families = await t.dataSource.query(
      'SELECT DISTINCT family_id FROM refresh_token WHERE user_id = $1',
      [u.user.id],
    );
    expect(families).toHaveLength(1);

    // The first token is replayed: the whole family dies, including the newest token.
    const reuse = await t.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: first.refreshToken },
    });
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('INVALID_REFRESH_TOKEN');
    const newest = await t.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: r2.body.refreshToken },
    });
    expect(newest.status).toBe(401);
    expect(await audit('auth.refresh.reuse')).toContainEqual(
      expect.objectContaining({ userId: u.user.id, outcome: 'denied', subjectId: families[0].family_id }),
    );
    // A new login starts a new, working family.
    const again = await login(t, u.email, u.password);
    expect(
      (await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: again.refreshToken } }))
        .status,
    ).toBe(200);
  });

  it('expires refresh tokens after REFRESH_TTL_SECONDS and rejects made-up ones', async () => {
    const agency = await makeAgency(t.dataSource);
    const u = await makeUser(t.dataSource, Role.Caseworker, agency);
    const tokens = await login(t, u.email, u.password);
    t.clock.advance(Number(t.env.REFRESH_TTL_SECONDS ?? 1209600) * 1000 + 1000);
    const expired = await t.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: tokens.refreshToken },
    });
    expect(expired.status).toBe(401);
    const bogus = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: 'made-up' } });
    expect(bogus.status).toBe(401);
    const invalid = await t.request('POST', '/api/v1/auth/refresh', { body: {} });
    expect(invalid.status).toBe(400);
  });

  it('logs out by revoking the family, and only the caller’s own', async () => {
    const agency = await makeAgency(t.dataSource);
    const u = await makeUser(t.dataSource, Role.Caseworker, agency);
    const v = await makeUser(t.dataSource, Role.Caseworker, agency);
    const mine = await login(t, u.email, u.password);
    const theirs = await login(t, v.email, v.password);
    expect(
      (await t.request('POST', '/api/v1/auth/logout', { body: { refreshToken: mine.refreshToken } })).status,
    ).toBe(401);
    // u cannot end v's session.
    const cross = await t.request('POST', '/api/v1/auth/logout', {
      token: mine.accessToken,
      body: { refreshToken: theirs.refreshToken },
    });
    expect(cross.status).toBe(204);
    expect(
      (await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: theirs.refreshToken } }))
        .status,
    ).toBe(200);
    const out = await t.request('POST', '/api/v1/auth/logout', {
      token: mine.accessToken,
      body: { refreshToken: mine.refreshToken },
    });
    expect(out.status).toBe(204);
    expect(
      (await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: mine.refreshToken } })).status,
    ).toBe(401);
  });

  it('changes the own password under the rules, ending other sessions', async () => {
    const agency = await makeAgency(t.dataSource);
    const u = await makeUser(t.dataSource, Role.Supervisor, agency, { email: 'ana.quispe@example.org' });
    const s = await login(t, u.email, u.password);
    const change = (body: unknown) =>
      t.request('POST', '/api/v1/auth/password', { token: s.accessToken, body });

    const wrong = await change({ currentPassword: 'Nope-nope-1234', newPassword: 'Otra-Clave-Segura-9' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([
      expect.objectContaining({ field: 'currentPassword', code: 'currentPasswordWrong' }),
    ]);

    const weak = await change({ currentPassword: u.password, newPassword: 'quispe-quispe' });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('PASSWORD_REJECTED');
    expect(weak.body.errors.map((e: any) => e.code).sort()).toEqual([
      'passwordContainsEmail',
      'passwordTooSimple',
    ]);

    const ok = await change({ currentPassword: u.password, newPassword: 'Otra-Clave-Segura-9' });
    expect(ok.status).toBe(204);
    expect(
      (await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: s.refreshToken } })).status,
    ).toBe(401);
    expect((await t.request('POST', LOGIN, { body: { email: u.email, password: u.password } })).status).toBe(
      401,
    );
    await login(t, u.email, 'Otra-Clave-Segura-9');
  });

  it('counts wrong current passwords towards the lockout and answers a locked account with Retry-After', async () => {
    const agency = await makeAgency(t.dataSource);
    const u = await makeUser(t.dataSource, Role.Caseworker, agency);
    const s = await login(t, u.email, u.password);
    for (let i = 0; i < LOCKOUT_MAX_FAILURES; i++) {
      const r = await t.request('POST', '/api/v1/auth/password', {
        token: s.accessToken,
        body: { currentPassword: `Wrong-password-${i}`, newPassword: 'Otra-Clave-Segura-9' },
      });
      expect(r.status).toBe(400);
    }
    const locked = await t.request('POST', '/api/v1/auth/password', {
      token: s.accessToken,
      body: { currentPassword: u.password, newPassword: 'Otra-Clave-Segura-9' },
    });
    expect(locked.status).toBe(400);
    expect(locked.headers['retry-after']).toBe(String(LOCKOUT_MINUTES * 60));
    expect((await t.request('POST', LOGIN, { body: { email: u.email, password: u.password } })).status).toBe(
      401,
    );
  });

  it('stops answering /auth/me for a deactivated user', async () => {
    const agency = await makeAgency(t.dataSource);
    const u = await makeUser(t.dataSource, Role.Auditor, agency);
    const s = await login(t, u.email, u.password);
    await t.dataSource.query('UPDATE app_user SET active = false WHERE id = $1', [u.user.id]);
    expect((await t.request('GET', '/api/v1/auth/me', { token: s.accessToken })).status).toBe(401);
  });

  it('requires a token for me, logout and password; login and refresh are public', async () => {
    expect((await t.request('GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await t.request('POST', '/api/v1/auth/logout', { body: { refreshToken: 'x' } })).status).toBe(
      401,
    );
    expect(
      (await t.request('POST', '/api/v1/auth/password', { body: { currentPassword: 'a', newPassword: 'b' } }))
        .status,
    ).toBe(401);
    expect((await t.request('POST', LOGIN, { body: { email: 'not-an-email', password: 'x' } })).status).toBe(
      400,
    );
  });
});
