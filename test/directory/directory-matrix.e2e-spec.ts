import { randomUUID } from 'node:crypto';
import type { Actor } from '../../src/common/actor';
import { Role, ROLES } from '../../src/common/role';
import { Agency } from '../../src/directory/agency.entity';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { createTestApp, TestApp } from '../harness/test-app';

/**
 * Every directory and identity route, called by each of the seven roles: allowed roles get a
 * non-403 answer, every other role gets 403 and an audit entry with outcome 'denied'.
 */
const ALL = ROLES;
const REFERRERS: Role[] = [Role.Caseworker, Role.Supervisor, Role.ReferralFocalPoint];
const ADMIN: Role[] = [Role.Administrator];
/** Second persons for a case-content grant at their agency. */
const GRANT_DECIDERS: Role[] = [Role.Administrator, Role.Supervisor];

interface Call {
  method: string;
  url: string;
  body?: unknown;
}
interface RouteCase {
  name: string;
  allowed: Role[];
  /** Audit action of a denial (`<subject>.<action>`). */
  deniedAction?: string;
  call: (a: Actor) => Promise<Call>;
}

describe('directory and identity: role × route matrix', () => {
  let t: TestApp;
  let gt: Agency;
  const actors = new Map<Role, Actor>();
  let scratchUserId: string;

  beforeAll(async () => {
    t = await createTestApp();
    gt = await makeAgency(t.dataSource, { countryCode: 'GT', services: ['health_care'] });
    for (const role of ROLES) actors.set(role, await makeActor(t.dataSource, role, gt));
    scratchUserId = (await makeActor(t.dataSource, Role.Caseworker, gt)).userId;
  });
  afterAll(() => t.close());

  /** A pending grant of a new caseworker at `gt`, requested by an administrator not in `actors`. */
  const pendingGrant = async (): Promise<string> => {
    const requester = await makeActor(t.dataSource, Role.Administrator, gt);
    const user = await makeActor(t.dataSource, Role.Caseworker, gt);
    const [row] = await t.dataSource.query(
      `INSERT INTO user_grant (user_id, kind, role, agency_id, country_code, requested_by, requested_at)
       VALUES ($1, 'create', 'caseworker', $2, 'GT', $3, now()) RETURNING id`,
      [user.userId, gt.id, requester.userId],
    );
    return row.id;
  };

  const version = async (table: 'agency' | 'app_user', id: string): Promise<number> =>
    (await t.dataSource.query(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0].version;

  const routes: RouteCase[] = [
    {
      name: 'GET countries',
      allowed: ALL,
      call: async () => ({ method: 'GET', url: '/api/v1/directory/countries' }),
    },
    {
      name: 'GET service-types',
      allowed: ALL,
      call: async () => ({ method: 'GET', url: '/api/v1/directory/service-types' }),
    },
    {
      name: 'GET agency-types',
      allowed: ALL,
      call: async () => ({ method: 'GET', url: '/api/v1/directory/agency-types' }),
    },
    {
      name: 'GET directory agencies',
      allowed: REFERRERS,
      deniedAction: 'agency.search',
      call: async () => ({ method: 'GET', url: '/api/v1/directory/agencies?country=GT' }),
    },
    {
      name: 'GET directory agency',
      allowed: REFERRERS,
      deniedAction: 'agency.search',
      call: async () => ({ method: 'GET', url: `/api/v1/directory/agencies/${gt.id}` }),
    },
    {
      name: 'GET admin agencies',
      allowed: ADMIN,
      deniedAction: 'agency.list',
      call: async () => ({ method: 'GET', url: '/api/v1/admin/agencies' }),
    },
    {
      name: 'POST admin agencies',
      allowed: ADMIN,
      deniedAction: 'agency.create',
      call: async () => ({
        method: 'POST',
        url: '/api/v1/admin/agencies',
        body: { countryCode: 'GT', name: `Nueva ${randomUUID().slice(0, 6)}`, type: 'ngo' },
      }),
    },
    {
      name: 'GET admin agency',
      allowed: ADMIN,
      deniedAction: 'agency.list',
      call: async () => ({ method: 'GET', url: `/api/v1/admin/agencies/${gt.id}` }),
    },
    {
      name: 'PATCH admin agency',
      allowed: ADMIN,
      deniedAction: 'agency.update',
      call: async () => ({
        method: 'PATCH',
        url: `/api/v1/admin/agencies/${gt.id}`,
        body: { version: await version('agency', gt.id), city: 'Quetzaltenango' },
      }),
    },
    {
      name: 'POST admin agency deactivate',
      allowed: ADMIN,
      deniedAction: 'agency.deactivate',
      call: async () => ({
        method: 'POST',
        url: `/api/v1/admin/agencies/${(await makeAgency(t.dataSource)).id}/deactivate`,
      }),
    },
    {
      name: 'POST admin agency activate',
      allowed: ADMIN,
      deniedAction: 'agency.activate',
      call: async () => ({
        method: 'POST',
        url: `/api/v1/admin/agencies/${(await makeAgency(t.dataSource, { active: false })).id}/activate`,
      }),
    },
    {
      name: 'GET admin users',
      allowed: ADMIN,
      deniedAction: 'user.list',
      call: async () => ({ method: 'GET', url: '/api/v1/admin/users' }),
    },
    {
      name: 'POST admin users',
      allowed: ADMIN,
      deniedAction: 'user.create',
      call: async () => ({
        method: 'POST',
        url: '/api/v1/admin/users',
        body: {
          agencyId: gt.id,
          role: 'caseworker',
          email: `nuevo.${randomUUID().slice(0, 8)}@example.org`,
          fullName: 'Nuevo Usuario',
        },
      }),
    },
    {
      name: 'GET admin user',
      allowed: ADMIN,
      deniedAction: 'user.list',
      call: async () => ({ method: 'GET', url: `/api/v1/admin/users/${scratchUserId}` }),
    },
    {
      name: 'PATCH admin user',
      allowed: ADMIN,
      deniedAction: 'user.update',
      call: async () => ({
        method: 'PATCH',
        url: `/api/v1/admin/users/${scratchUserId}`,
        body: { version: await version('app_user', scratchUserId), language: 'en' },
      }),
    },
    {
      name: 'POST admin user deactivate',
      allowed: ADMIN,
      deniedAction: 'user.deactivate',
      call: async () => ({ method: 'POST', url: `/api/v1/admin/users/${scratchUserId}/deactivate` }),
    },
    {
      name: 'POST admin user activate',
      allowed: ADMIN,
      deniedAction: 'user.activate',
      call: async () => ({ method: 'POST', url: `/api/v1/admin/users/${scratchUserId}/activate` }),
    },
    {
      name: 'POST admin user activation-reset',
      allowed: ADMIN,
      deniedAction: 'user.resetActivation',
      call: async () => ({
        method: 'POST',
        url: `/api/v1/admin/users/${(await makeActor(t.dataSource, Role.Auditor, gt)).userId}/activation-reset`,
      }),
    },
    {
      name: 'GET user grants',
      allowed: GRANT_DECIDERS,
      deniedAction: 'userGrant.list',
      call: async () => ({ method: 'GET', url: '/api/v1/user-grants' }),
    },
    {
      name: 'POST user grant approve',
      allowed: GRANT_DECIDERS,
      deniedAction: 'userGrant.approve',
      call: async () => ({ method: 'POST', url: `/api/v1/user-grants/${await pendingGrant()}/approve` }),
    },
    {
      name: 'POST user grant reject',
      allowed: GRANT_DECIDERS,
      deniedAction: 'userGrant.reject',
      call: async () => ({ method: 'POST', url: `/api/v1/user-grants/${await pendingGrant()}/reject` }),
    },
    { name: 'GET auth me', allowed: ALL, call: async () => ({ method: 'GET', url: '/api/v1/auth/me' }) },
    {
      name: 'POST auth logout',
      allowed: ALL,
      call: async () => ({
        method: 'POST',
        url: '/api/v1/auth/logout',
        body: { refreshToken: 'unknown-token' },
      }),
    },
    {
      name: 'POST auth password',
      allowed: ALL,
      // The factory's users have no real hash: a wrong current password is the expected (allowed) answer.
      call: async () => ({
        method: 'POST',
        url: '/api/v1/auth/password',
        body: { currentPassword: 'whatever-it-is', newPassword: 'Otra-Clave-2026!' },
      }),
    },
  ];

  const denials = async (actor: Actor, action: string): Promise<number> =>
    Number(
      (
        await t.dataSource.query(
          `SELECT count(*) AS n FROM audit_entry WHERE actor_user_id = $1 AND action = $2 AND outcome = 'denied'`,
          [actor.userId, action],
        )
      )[0].n,
    );

  for (const route of routes) {
    for (const role of ROLES) {
      const allowed = route.allowed.includes(role);
      it(`${route.name}: ${role} is ${allowed ? 'allowed' : 'denied'}`, async () => {
        const actor = actors.get(role)!;
        const call = await route.call(actor);
        const before = route.deniedAction ? await denials(actor, route.deniedAction) : 0;
        const res = await t.request(call.method, call.url, { token: t.tokenFor(actor), body: call.body });
        if (allowed) {
          expect(res.status).not.toBe(403);
          expect(res.status).toBeLessThan(500);
          if (route.name !== 'POST auth password') expect(res.status).toBeLessThan(300);
        } else {
          expect(res.status).toBe(403);
          expect(res.body.code).toBe('FORBIDDEN');
          expect(await denials(actor, route.deniedAction!)).toBe(before + 1);
        }
      });
    }
  }

  it('refuses every route without a token', async () => {
    for (const route of routes) {
      const call = await route.call(actors.get(Role.Administrator)!);
      const res = await t.request(call.method, call.url, { body: call.body });
      expect(`${route.name}: ${res.status}`).toBe(`${route.name}: 401`);
    }
  });
});
