import type { Actor } from '../../src/common/actor';
import { Role } from '../../src/common/role';
import { Agency } from '../../src/directory/agency.entity';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { makeUser } from '../factories/users.factory';
import { login } from '../harness/login';
import { createTestApp, TestApp } from '../harness/test-app';

const USERS = '/api/v1/admin/users';
const GRANTS = '/api/v1/user-grants';
const ACTIVATE = '/api/v1/auth/activate';
const NEW_PASSWORD = 'Montaña-Azul-2026';

/**
 * Issue 9, item 6: no single administrator can end up holding an account that reads case
 * content. Grants of case-content (and administrator) roles wait for a second person, and
 * passwords are set only by the account's holder through a single-use activation token.
 */
describe('directory: second-person grants and single-use activation', () => {
  let t: TestApp;
  let centre: Agency;
  let other: Agency;
  let adminGt: Actor;
  let secondAdminGt: Actor;
  let supervisor: Actor;
  let adminHn: Actor;

  beforeAll(async () => {
    t = await createTestApp();
    centre = await makeAgency(t.dataSource, { countryCode: 'GT', type: 'reception_center' });
    other = await makeAgency(t.dataSource, { countryCode: 'GT', type: 'child_protection_authority' });
    const hn = await makeAgency(t.dataSource, { countryCode: 'HN' });
    adminGt = await makeActor(t.dataSource, Role.Administrator, centre);
    secondAdminGt = await makeActor(t.dataSource, Role.Administrator, other);
    supervisor = await makeActor(t.dataSource, Role.Supervisor, centre);
    adminHn = await makeActor(t.dataSource, Role.Administrator, hn);
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2026-03-02T10:00:00Z'));

  const as = (a: Actor, method: string, url: string, body?: unknown) =>
    t.request(method, url, { token: t.tokenFor(a), body });
  const newUser = (a: Actor, role: string, email: string, agency = centre) =>
    as(a, 'POST', USERS, { agencyId: agency.id, role, email, fullName: 'Persona Nueva' });
  const auditOf = (userId: string) =>
    t.dataSource.query(
      `SELECT action, outcome, actor_user_id AS "by" FROM audit_entry WHERE subject_id = $1 ORDER BY id`,
      [userId],
    );

  it('closes the attack: an administrator who creates a supervisor can neither set its password nor sign in as it', async () => {
    // The old route took a password from the administrator: no longer accepted.
    const withPassword = await as(adminGt, 'POST', USERS, {
      agencyId: centre.id,
      role: 'supervisor',
      email: 'falso.supervisor@example.org',
      fullName: 'Falso Supervisor',
      password: 'Clave-Segura-2026',
    });
    expect(withPassword.status).toBe(400);
    expect(withPassword.body.errors).toContainEqual(expect.objectContaining({ field: 'password' }));

    const created = await newUser(adminGt, 'supervisor', 'falso.supervisor@example.org');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ role: 'supervisor', accessState: 'awaiting_approval' });
    expect(created.body.grant).toMatchObject({
      kind: 'create',
      status: 'pending',
      requestedBy: adminGt.userId,
    });
    expect(created.body).not.toHaveProperty('activation');
    const id = created.body.id;
    // No token exists yet, and no password works.
    expect(await t.dataSource.query('SELECT 1 FROM user_activation WHERE user_id = $1', [id])).toHaveLength(
      0,
    );
    const attempt = await t.request('POST', '/api/v1/auth/login', {
      body: { email: 'falso.supervisor@example.org', password: 'Clave-Segura-2026' },
    });
    expect(attempt.status).toBe(401);

    // The requester cannot approve their own request (denial audited), nor reset the account.
    const self = await as(adminGt, 'POST', `${GRANTS}/${created.body.grant.id}/approve`);
    expect(self.status).toBe(403);
    expect(await auditOf(id)).toContainEqual({
      action: 'userGrant.approve',
      outcome: 'denied',
      by: adminGt.userId,
    });
    const reset = await as(adminGt, 'POST', `${USERS}/${id}/activation-reset`);
    expect(reset.status).toBe(409);
    expect(reset.body.code).toBe('GRANT_PENDING');
    // Another country's administrator cannot approve either.
    expect((await as(adminHn, 'POST', `${GRANTS}/${created.body.grant.id}/approve`)).status).toBe(403);
  });

  it('activates a content-role account only after a second administrator approves; the token goes to the approver, once', async () => {
    const created = await newUser(adminGt, 'caseworker', 'lucia.tzul@example.org');
    const grantId = created.body.grant.id;
    const listed = await as(secondAdminGt, 'GET', GRANTS);
    expect(listed.body.items.map((g: any) => g.id)).toContain(grantId);

    const approved = await as(secondAdminGt, 'POST', `${GRANTS}/${grantId}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.grant).toMatchObject({ status: 'approved', decidedBy: secondAdminGt.userId });
    const { token, expiresAt } = approved.body.activation;
    expect(token).toEqual(expect.any(String));
    expect(new Date(expiresAt).getTime() - t.clock.now().getTime()).toBe(72 * 3_600_000);
    // Stored only as a hash; the requester sees no token on the user.
    const [stored] = await t.dataSource.query(
      'SELECT token_hash, issued_to FROM user_activation WHERE user_id = $1',
      [created.body.id],
    );
    expect(stored.token_hash).not.toBe(token);
    expect(stored.issued_to).toBe(secondAdminGt.userId);
    const seen = await as(adminGt, 'GET', `${USERS}/${created.body.id}`);
    expect(seen.body.accessState).toBe('awaiting_activation');
    expect(JSON.stringify(seen.body)).not.toContain(token);
    // Approved but not activated: still cannot sign in.
    expect(
      (
        await t.request('POST', '/api/v1/auth/login', {
          body: { email: 'lucia.tzul@example.org', password: NEW_PASSWORD },
        })
      ).status,
    ).toBe(401);

    const weak = await t.request('POST', ACTIVATE, { body: { token, password: 'tzul-tzul' } });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('PASSWORD_REJECTED');
    expect((await t.request('POST', ACTIVATE, { body: { token, password: NEW_PASSWORD } })).status).toBe(204);
    const again = await t.request('POST', ACTIVATE, { body: { token, password: 'Otra-Montaña-2027' } });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('INVALID_ACTIVATION_TOKEN');
    await login(t, 'lucia.tzul@example.org', NEW_PASSWORD);

    expect((await as(secondAdminGt, 'POST', `${GRANTS}/${grantId}/approve`)).status).toBe(409);
    const steps = (await auditOf(created.body.id)).filter((e: any) => e.outcome === 'allowed');
    expect(steps.map((e: any) => e.action)).toEqual([
      'user.create',
      'userGrant.request',
      'user.activation.issue',
      'userGrant.approve',
      'auth.activate',
      'auth.login',
    ]);
  });

  it('lets a supervisor of the agency approve case-content grants there, and nothing else', async () => {
    const here = await newUser(adminGt, 'referral_focal_point', 'punto.focal@example.org');
    const elsewhere = await newUser(adminGt, 'caseworker', 'otra.agencia@example.org', other);
    const admin = await newUser(adminGt, 'administrator', 'admin.nuevo@example.org');
    expect(admin.body.grant).toMatchObject({ status: 'pending', role: 'administrator' });
    const listed = await as(supervisor, 'GET', GRANTS);
    const ids = listed.body.items.map((g: any) => g.id);
    expect(ids).toContain(here.body.grant.id);
    expect(ids).not.toContain(elsewhere.body.grant.id);
    expect(ids).not.toContain(admin.body.grant.id);
    expect(listed.body.items.every((g: any) => g.agencyId === centre.id && g.role !== 'administrator')).toBe(
      true,
    );
    expect((await as(supervisor, 'POST', `${GRANTS}/${elsewhere.body.grant.id}/approve`)).status).toBe(403);
    expect((await as(supervisor, 'POST', `${GRANTS}/${admin.body.grant.id}/approve`)).status).toBe(403);
    const ok = await as(supervisor, 'POST', `${GRANTS}/${here.body.grant.id}/approve`);
    expect(ok.status).toBe(200);
    expect(ok.body.activation.token).toEqual(expect.any(String));
    // A caseworker approves nothing.
    const cw = await makeActor(t.dataSource, Role.Caseworker, centre);
    expect((await as(cw, 'POST', `${GRANTS}/${elsewhere.body.grant.id}/approve`)).status).toBe(403);
  });

  it('makes a role change to a content role wait for approval and start over with a new activation', async () => {
    // An auditor's activation goes to the administrator who creates it: that administrator knows its password.
    const created = await newUser(adminGt, 'auditor', 'auditora.gt@example.org');
    expect(created.body).not.toHaveProperty('grant');
    const mine = created.body.activation.token;
    expect(
      (await t.request('POST', ACTIVATE, { body: { token: mine, password: NEW_PASSWORD } })).status,
    ).toBe(204);
    await login(t, 'auditora.gt@example.org', NEW_PASSWORD);
    const v = (await as(adminGt, 'GET', `${USERS}/${created.body.id}`)).body.version;

    const promote = await as(adminGt, 'PATCH', `${USERS}/${created.body.id}`, {
      version: v,
      role: 'supervisor',
      fullName: 'Auditora Ascendida',
    });
    expect(promote.status).toBe(200);
    expect(promote.body).toMatchObject({ role: 'auditor', fullName: 'Auditora Ascendida' });
    expect(promote.body.grant).toMatchObject({ kind: 'change', role: 'supervisor', status: 'pending' });
    const s = await login(t, 'auditora.gt@example.org', NEW_PASSWORD);
    const me = await t.request('GET', '/api/v1/auth/me', { token: s.accessToken });
    expect(me.body.role).toBe('auditor');

    const approved = await as(secondAdminGt, 'POST', `${GRANTS}/${promote.body.grant.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.activation.token).toEqual(expect.any(String));
    // The password the requester knew is gone, and so are the sessions.
    const old = await t.request('POST', '/api/v1/auth/login', {
      body: { email: 'auditora.gt@example.org', password: NEW_PASSWORD },
    });
    expect(old.status).toBe(401);
    expect(
      (await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: s.refreshToken } })).status,
    ).toBe(401);
    const [row] = await t.dataSource.query('SELECT role, access_state FROM app_user WHERE id = $1', [
      created.body.id,
    ]);
    expect(row).toEqual({ role: 'supervisor', access_state: 'awaiting_activation' });
  });

  it('moves a caseworker to another agency only on approval, keeping the password the person chose', async () => {
    const u = await makeUser(t.dataSource, Role.Caseworker, centre);
    const s = await login(t, u.email, u.password);
    const move = await as(adminGt, 'PATCH', `${USERS}/${u.user.id}`, { version: 1, agencyId: other.id });
    expect(move.body).toMatchObject({ agencyId: centre.id, grant: { kind: 'change', agencyId: other.id } });
    // The centre's supervisor cannot approve a move into another agency; another administrator can.
    expect((await as(supervisor, 'POST', `${GRANTS}/${move.body.grant.id}/approve`)).status).toBe(403);
    const approved = await as(secondAdminGt, 'POST', `${GRANTS}/${move.body.grant.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).not.toHaveProperty('activation');
    expect(
      (await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: s.refreshToken } })).status,
    ).toBe(401);
    const again = await login(t, u.email, u.password);
    const me = await t.request('GET', '/api/v1/auth/me', { token: again.accessToken });
    expect(me.body.agency.id).toBe(other.id);
  });

  it('resets credentials of a content-role account only through an approved grant; tokens expire', async () => {
    const u = await makeUser(t.dataSource, Role.Caseworker, centre);
    const reset = await as(adminGt, 'POST', `${USERS}/${u.user.id}/activation-reset`);
    expect(reset.status).toBe(200);
    expect(reset.body.grant).toMatchObject({ kind: 'reset', status: 'pending' });
    expect(reset.body).not.toHaveProperty('activation');
    await login(t, u.email, u.password); // unchanged until approved
    const approved = await as(supervisor, 'POST', `${GRANTS}/${reset.body.grant.id}/approve`);
    expect(approved.status).toBe(200);
    expect(
      (await t.request('POST', '/api/v1/auth/login', { body: { email: u.email, password: u.password } }))
        .status,
    ).toBe(401);
    t.clock.advance(72 * 3_600_000 + 1000);
    const late = await t.request('POST', ACTIVATE, {
      body: { token: approved.body.activation.token, password: NEW_PASSWORD },
    });
    expect(late.status).toBe(400);
    expect(late.body.code).toBe('INVALID_ACTIVATION_TOKEN');
  });

  it('never activates a rejected account; rejection is audited', async () => {
    const created = await newUser(adminGt, 'supervisor', 'rechazada@example.org');
    const rejected = await as(secondAdminGt, 'POST', `${GRANTS}/${created.body.grant.id}/reject`, {
      reason: 'No trabaja en el centro',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.grant).toMatchObject({ status: 'rejected', reason: 'No trabaja en el centro' });
    expect((await as(secondAdminGt, 'POST', `${GRANTS}/${created.body.grant.id}/approve`)).status).toBe(409);
    const [row] = await t.dataSource.query('SELECT access_state FROM app_user WHERE id = $1', [
      created.body.id,
    ]);
    expect(row.access_state).toBe('rejected');
    expect(await auditOf(created.body.id)).toContainEqual(
      expect.objectContaining({ action: 'userGrant.reject', outcome: 'allowed', by: secondAdminGt.userId }),
    );
  });

  it('refuses bad activation input with problem details', async () => {
    const bad = await t.request('POST', ACTIVATE, { body: { token: 'made-up', password: NEW_PASSWORD } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_ACTIVATION_TOKEN');
    const shape = await t.request('POST', ACTIVATE, { body: { token: 5 } });
    expect(shape.status).toBe(400);
    expect([...new Set(shape.body.errors.map((e: any) => e.field))].sort()).toEqual(['password', 'token']);
  });
});
