import { Role } from '../../src/common/role';
import type { Actor } from '../../src/common/actor';
import { makeActor } from '../factories/directory.factory';
import { createTestApp, TestApp } from '../harness/test-app';
import { referralScenario } from './referral-scenario';

/**
 * Sending-side access to referrals is access to their case: the caseworker assigned to it and the
 * agency's supervisor, nobody else of the agency, on every route of the sending side.
 */
describe('referrals of a case: the sending side is whoever works on the case', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof referralScenario>>;
  let unassigned: Actor;
  let draft: string;
  let sent: string;

  beforeAll(async () => {
    t = await createTestApp();
    s = await referralScenario(t);
    unassigned = await makeActor(t.dataSource, Role.Caseworker, s.sender);
    const create = async (dispatch: boolean) => {
      const res = await t.request('POST', '/api/v1/referrals', {
        token: t.tokenFor(s.caseworker),
        body: s.body({ dispatch }),
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    draft = await create(false);
    sent = await create(true);
  });
  afterAll(() => t.close());

  const call = (who: Actor, method: string, url: string, body?: unknown) =>
    t.request(method, url, { token: t.tokenFor(who), body });

  it('refuses the unassigned caseworker of the same agency the case and every sending-side route', async () => {
    expect((await call(unassigned, 'GET', `/api/v1/cases/${s.caseFile.id}`)).status).toBe(403);
    const refused: [string, string, unknown?][] = [
      ['GET', `/api/v1/cases/${s.caseFile.id}/referrals`],
      ['GET', `/api/v1/referrals/${sent}`],
      ['GET', `/api/v1/referrals/${sent}/snapshot`],
      ['GET', `/api/v1/referrals/${draft}/snapshot?version=1`],
      ['POST', '/api/v1/referrals', s.body()],
      ['POST', '/api/v1/referrals', s.body({ dispatch: true })],
      ['POST', `/api/v1/referrals/${draft}/dispatch`],
      ['POST', `/api/v1/referrals/${sent}/amend`, { version: 1, reason: 'Cambio de motivo sin acceso' }],
      ['POST', `/api/v1/referrals/${sent}/cancel`, { reason: 'Cancelada sin acceso' }],
      ['POST', `/api/v1/referrals/${sent}/retry-delivery`],
    ];
    for (const [method, url, body] of refused) {
      const res = await call(unassigned, method, url, body);
      expect([method, url, res.status]).toEqual([method, url, 403]);
    }
    const before = await t.dataSource.query(`SELECT id, status, version FROM referral ORDER BY id`);
    expect(before).toHaveLength(2);
    expect(before.map((r: any) => r.status).sort()).toEqual(['dispatched', 'draft']);
    const denied = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE outcome = 'denied' AND actor_user_id = $1 AND case_id = $2`,
      [unassigned.userId, s.caseFile.id],
    );
    expect(denied[0].n).toBeGreaterThanOrEqual(refused.length);
  });

  it('lists nothing of the case to the unassigned caseworker, filtered in SQL', async () => {
    for (const url of [
      `/api/v1/referrals/outbox?caseId=${s.caseFile.id}`,
      '/api/v1/referrals/outbox',
      '/api/v1/referrals/outbox?status=draft,dispatched&limit=100',
    ]) {
      const res = await call(unassigned, 'GET', url);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ items: [], nextCursor: null });
    }
    const seen = JSON.stringify((await call(unassigned, 'GET', '/api/v1/referrals/outbox')).body);
    expect(seen).not.toContain(s.consent.id);
  });

  it('gives the assigned caseworker and the agency supervisor the case’s referrals', async () => {
    for (const who of [s.caseworker, s.supervisor]) {
      const outbox = await call(who, 'GET', `/api/v1/referrals/outbox?caseId=${s.caseFile.id}`);
      expect(outbox.body.items.map((i: any) => i.id).sort()).toEqual([draft, sent].sort());
      const onCase = await call(who, 'GET', `/api/v1/cases/${s.caseFile.id}/referrals`);
      expect(onCase.status).toBe(200);
      expect(onCase.body.items).toHaveLength(2);
      expect((await call(who, 'GET', `/api/v1/referrals/${sent}/snapshot`)).status).toBe(200);
    }
    const bySupervisor = await call(s.supervisor, 'POST', '/api/v1/referrals', s.body());
    expect(bySupervisor.status).toBe(201);
  });

  it('moves with the case: reassigned, the new caseworker acts on its referrals and the old one cannot', async () => {
    await t.dataSource.query(`UPDATE case_file SET assigned_user_id = $1 WHERE id = $2`, [
      unassigned.userId,
      s.caseFile.id,
    ]);
    const outbox = await call(unassigned, 'GET', `/api/v1/referrals/outbox?caseId=${s.caseFile.id}`);
    expect(outbox.body.items).toHaveLength(3);
    expect((await call(s.caseworker, 'GET', `/api/v1/referrals/${sent}`)).status).toBe(403);
    expect((await call(s.caseworker, 'GET', '/api/v1/referrals/outbox')).body.items).toEqual([]);
    const cancel = await call(unassigned, 'POST', `/api/v1/referrals/${draft}/cancel`, {
      reason: 'La gestora nueva la cancela',
    });
    expect(cancel.status).toBe(200);
    expect(cancel.body.status).toBe('cancelled');
  });
});
