import { Role } from '../../src/common/role';
import { LOCKOUT_MAX_FAILURES, LOCKOUT_MINUTES } from '../../src/identity/identity.constants';
import { makeAgency } from '../factories/directory.factory';
import { makeUser } from '../factories/users.factory';
import { login } from '../harness/login';
import { createTestApp, TestApp } from '../harness/test-app';

const LOGIN = '/api/v1/auth/login';
const LIMIT = 10;
const WINDOW_SECONDS = 60;

/** Issue 9, item 5: the lockout cannot be raced, and sign-in is limited per client address. */
describe('identity: lockout under concurrency, per-address rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      env: {
        LOGIN_RATE_LIMIT_PER_IP: String(LIMIT),
        LOGIN_RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
      },
    });
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2026-03-02T10:00:00Z'));

  /** A sign-in from `address` as a trusted proxy (127.0.0.1, the default TRUST_PROXY) reports it. */
  const from = (address: string, body: unknown) =>
    t.request('POST', LOGIN, { body, headers: { 'x-forwarded-for': address } });

  it(`checks at most ${LOCKOUT_MAX_FAILURES} of 24 concurrent wrong passwords, refuses the rest as locked, then refuses the right one`, async () => {
    const agency = await makeAgency(t.dataSource);
    const u = await makeUser(t.dataSource, Role.Supervisor, agency);
    // From 24 addresses, so the per-address limit plays no part: the account's lockout alone must hold.
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        from(`198.51.100.${i + 1}`, { email: u.email, password: `Wrong-password-${i}` }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(24).fill(401));
    const failures = await t.dataSource.query(
      `SELECT fields FROM audit_entry WHERE action = 'auth.login.failed' AND subject_id = $1`,
      [u.user.id],
    );
    const checked = failures.filter((f: any) => f.fields.includes('passwordHash')).length;
    const refused = failures.filter((f: any) => f.fields.includes('lockedUntil')).length;
    expect(checked).toBeLessThanOrEqual(LOCKOUT_MAX_FAILURES);
    expect(checked + refused).toBe(24);
    const [row] = await t.dataSource.query('SELECT failed_logins, locked_until FROM app_user WHERE id = $1', [
      u.user.id,
    ]);
    expect(row.failed_logins).toBeLessThanOrEqual(LOCKOUT_MAX_FAILURES);
    expect(row.locked_until).not.toBeNull();

    const right = await from('198.51.100.200', { email: u.email, password: u.password });
    expect(right.status).toBe(401);
    expect(right.body.code).toBe('INVALID_CREDENTIALS');
    expect(right.headers['retry-after']).toBe(String(LOCKOUT_MINUTES * 60));

    t.clock.advance(LOCKOUT_MINUTES * 60_000 + 1000);
    await login(t, u.email, u.password);
  });

  it(`answers 429 with Retry-After after ${LIMIT} attempts from one address in ${WINDOW_SECONDS} s, to any account`, async () => {
    const agency = await makeAgency(t.dataSource);
    const u = await makeUser(t.dataSource, Role.Caseworker, agency);
    const address = '203.0.113.7';
    for (let i = 0; i < LIMIT; i++) {
      const r = await from(address, { email: `nobody.${i}@example.org`, password: 'Not-The-Password-1' });
      expect(r.status).toBe(401);
    }
    t.clock.advance(20_000);
    const limited = await from(address, { email: u.email, password: u.password });
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    expect(limited.headers['retry-after']).toBe(String(WINDOW_SECONDS - 20));
    expect((await from(address, { email: u.email, password: u.password })).status).toBe(429);
    // No guess was checked against the account while limited.
    const [row] = await t.dataSource.query('SELECT failed_logins FROM app_user WHERE id = $1', [u.user.id]);
    expect(row.failed_logins).toBe(0);
    // The first refusal of the window is audited (once, without the address or the email).
    const throttled = await t.dataSource.query(
      `SELECT outcome FROM audit_entry WHERE action = 'auth.login.throttled'`,
    );
    expect(throttled).toEqual([{ outcome: 'denied' }]);

    // Another address is not affected; the window's end lets this one in again.
    expect((await from('203.0.113.8', { email: u.email, password: u.password })).status).toBe(200);
    t.clock.advance((WINDOW_SECONDS - 20) * 1000);
    expect((await from(address, { email: u.email, password: u.password })).status).toBe(200);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const send = (forwarded: string) =>
      t.app.inject({
        method: 'POST',
        url: LOGIN,
        remoteAddress: '192.0.2.50',
        headers: { 'x-forwarded-for': forwarded },
        payload: { email: 'nobody@example.org', password: 'Not-The-Password-1' },
      });
    for (let i = 0; i < LIMIT; i++) expect((await send(`10.0.0.${i + 1}`)).statusCode).toBe(401);
    // A forged header does not make a fresh address: all of them counted against 192.0.2.50.
    expect((await send('10.0.0.99')).statusCode).toBe(429);
  });
});
