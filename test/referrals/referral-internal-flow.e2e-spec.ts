import { DomainEventMap, DomainEvents } from '../../src/common/domain-events';
import { Consent } from '../../src/cases/records/consent.entity';
import { Role } from '../../src/common/role';
import { ReferralOverdueSource } from '../../src/referrals/referral-overdue.source';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { eventually } from '../harness/queues';
import { createTestApp, TestApp } from '../harness/test-app';
import { startWorker, WorkerProcess } from '../harness/worker-process';
import { referralScenario } from './referral-scenario';

describe('referral to an agency on Enlace: the full flow through the worker', () => {
  let t: TestApp;
  let worker: WorkerProcess;
  let s: Awaited<ReturnType<typeof referralScenario>>;
  const responded: DomainEventMap['referral.responded'][] = [];
  const completed: DomainEventMap['referral.completed'][] = [];

  beforeAll(async () => {
    t = await createTestApp();
    s = await referralScenario(t);
    const events = t.app.get(DomainEvents);
    events.subscribe('referral.responded', async (e) => void responded.push(e));
    events.subscribe('referral.completed', async (e) => void completed.push(e));
    worker = await startWorker(t.env);
  });
  afterAll(async () => {
    await worker?.stop();
    await t.close();
  });

  const as = (actor: any) => ({ token: t.tokenFor(actor) });
  const referral = async (id: string) =>
    (await t.request('GET', `/api/v1/referrals/${id}`, as(s.caseworker))).body;
  const delivered = (id: string) =>
    eventually(
      () => referral(id),
      (r) => r.status === 'delivered',
    );
  const create = async (over: Record<string, unknown> = {}) => {
    const res = await t.request('POST', '/api/v1/referrals', {
      ...as(s.caseworker),
      body: s.body({ dispatch: true, ...over }),
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  let id: string;

  it('dispatches with the sender country’s deadline and delivers to the inbox once', async () => {
    const before = Date.now();
    const r = await create();
    id = r.id;
    expect(r.status).toBe('dispatched');
    const due = Date.parse(r.responseDueAt) - before;
    expect(due).toBeGreaterThanOrEqual(72 * 3600_000 - 1000);
    expect(due).toBeLessThan(72 * 3600_000 + 60_000);
    expect(r.responseDueExplain).toBe('config/policy/default.yaml#referral.responseDeadline.priority = 72h');
    await delivered(id);
    const rows = await t.dataSource.query(
      `SELECT channel, snapshot_version FROM referral_delivery WHERE referral_id = $1`,
      [id],
    );
    expect(rows).toEqual([{ channel: 'inbox', snapshot_version: 1 }]);
    const inbox = await t.request('GET', '/api/v1/referrals/inbox', as(s.focal));
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((i: any) => [i.id, i.status])).toEqual([[id, 'delivered']]);
  });

  it('shows the recipient the snapshot and nothing outside it', async () => {
    const [one, snap, inbox] = await Promise.all([
      t.request('GET', `/api/v1/referrals/${id}`, as(s.focal)),
      t.request('GET', `/api/v1/referrals/${id}/snapshot`, as(s.focal)),
      t.request('GET', '/api/v1/referrals/inbox', as(s.focal)),
    ]);
    expect(snap.status).toBe(200);
    expect(snap.body.categories).toEqual(['case_summary', 'health', 'identification']);
    expect(snap.body.data.identification.firstNames).toBe('Ana Lucía');
    const seen = JSON.stringify([one.body, snap.body, inbox.body]);
    for (const outside of [
      'María Gómez',
      '5555',
      'P1234567',
      'no binario',
      s.caseFile.id,
      s.consent.id,
      s.caseworker.userId,
    ])
      expect(seen).not.toContain(outside);
    expect(one.body).not.toHaveProperty('caseId');
    const reads = await t.dataSource.query(
      `SELECT fields, case_id FROM audit_entry WHERE action = 'referral.snapshot.read' AND actor_user_id = $1`,
      [s.focal.userId],
    );
    expect(reads).toEqual([{ fields: ['case_summary', 'health', 'identification'], case_id: s.caseFile.id }]);
  });

  it('refuses the snapshot to another agency’s focal point and the sender’s actions to the recipient', async () => {
    const stranger = await makeActor(t.dataSource, Role.ReferralFocalPoint, await makeAgency(t.dataSource));
    expect((await t.request('GET', `/api/v1/referrals/${id}/snapshot`, as(stranger))).status).toBe(403);
    expect((await t.request('GET', `/api/v1/referrals/${id}`, as(stranger))).status).toBe(403);
    for (const action of ['dispatch', 'retry-delivery'])
      expect((await t.request('POST', `/api/v1/referrals/${id}/${action}`, as(s.focal))).status).toBe(403);
    expect(
      (await t.request('POST', `/api/v1/referrals/${id}/cancel`, { ...as(s.focal), body: { reason: 'no' } }))
        .status,
    ).toBe(403);
    expect(
      (await t.request('POST', `/api/v1/referrals/${id}/amend`, { ...as(s.focal), body: { version: 1 } }))
        .status,
    ).toBe(403);
    expect((await t.request('POST', `/api/v1/referrals/${id}/accept`, as(s.caseworker))).status).toBe(403);
    expect((await t.request('POST', `/api/v1/referrals/${id}/start`, as(s.supervisor))).status).toBe(403);
    expect(
      (
        await t.request('POST', `/api/v1/referrals/${id}/reject`, {
          ...as(s.caseworker),
          body: { reason: 'no thanks' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.request('POST', `/api/v1/referrals/${id}/complete`, {
          ...as(s.caseworker),
          body: { outcome: 'done' },
        })
      ).status,
    ).toBe(403);
    const notUuid = await t.request('GET', '/api/v1/referrals/not-a-uuid', as(s.caseworker));
    expect(notUuid.status).toBe(400);
    expect((await t.request('GET', `/api/v1/cases/${s.caseFile.id}/referrals`, as(s.focal))).status).toBe(
      403,
    );
    const admin = await makeActor(t.dataSource, Role.Administrator, s.sender);
    expect((await t.request('GET', '/api/v1/referrals/outbox', as(admin))).status).toBe(403);
    expect((await t.request('GET', '/api/v1/referrals/inbox', as(admin))).status).toBe(403);
    const denials = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE outcome = 'denied' AND actor_user_id = $1`,
      [stranger.userId],
    );
    expect(denials[0].n).toBe(2);
  });

  it('the overdue source finds it only past its deadline', async () => {
    const source = t.app.get(ReferralOverdueSource);
    const r = await referral(id);
    const find = (at: number) =>
      t.dataSource.transaction((m) => source.findOverdue(m, new Date(at), null, 500));
    const before = await find(Date.parse(r.responseDueAt) - 1000);
    expect(before.map((i) => i.id)).not.toContain(id);
    const after = await find(Date.parse(r.responseDueAt) + 1000);
    expect(after.find((i) => i.id === id)).toMatchObject({
      caseId: s.caseFile.id,
      agencyIds: [s.sender.id],
      responsibleUserIds: expect.arrayContaining([s.caseworker.userId]),
      countryCode: 'GT',
      escalationLevel: 0,
    });
    const overdueList = await t.request('GET', '/api/v1/referrals/outbox?overdue=true', as(s.caseworker));
    expect(overdueList.body.items).toEqual([]);
  });

  it('accept → in progress → completed: the sender is notified of each, the outcome lands on the case', async () => {
    expect((await t.request('POST', `/api/v1/referrals/${id}/accept`, as(s.focal))).body.status).toBe(
      'accepted',
    );
    expect((await t.request('POST', `/api/v1/referrals/${id}/start`, as(s.focal))).body.status).toBe(
      'in_progress',
    );
    const bad = await t.request('POST', `/api/v1/referrals/${id}/complete`, { ...as(s.focal), body: {} });
    expect(bad.status).toBe(400);
    const done = await t.request('POST', `/api/v1/referrals/${id}/complete`, {
      ...as(s.focal),
      body: { outcome: 'Audiometría realizada; audífono entregado' },
    });
    expect(done.body.status).toBe('completed');
    expect(responded.filter((e) => e.referralId === id).map((e) => e.status)).toEqual([
      'accepted',
      'in_progress',
      'completed',
    ]);
    expect(completed).toEqual([{ referralId: id, caseId: s.caseFile.id }]);
    const onCase = await t.request('GET', `/api/v1/cases/${s.caseFile.id}/referrals`, as(s.caseworker));
    expect(onCase.status).toBe(200);
    expect(onCase.body.items.find((r: any) => r.id === id).serviceOutcome).toMatchObject({
      outcome: 'Audiometría realizada; audífono entregado',
      reportedVia: 'user',
    });
    const history = (await referral(id)).history.map((h: any) => h.to);
    expect(history).toEqual(['draft', 'dispatched', 'delivered', 'accepted', 'in_progress', 'completed']);
  });

  it('ends the recipient’s access when the referral is completed', async () => {
    const res = await t.request('GET', `/api/v1/referrals/${id}/snapshot`, as(s.focal));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('SNAPSHOT_NOT_AVAILABLE');
  });

  it('rejects with a reason; a draft never reaches the inbox', async () => {
    const r = await create();
    await delivered(r.id);
    const res = await t.request('POST', `/api/v1/referrals/${r.id}/reject`, {
      ...as(s.focal),
      body: { reason: 'Sin cupo este mes' },
    });
    expect(res.body).toMatchObject({ status: 'rejected', statusReason: 'Sin cupo este mes' });
    expect(responded.at(-1)).toEqual({ referralId: r.id, caseId: s.caseFile.id, status: 'rejected' });
    const draft = await t.request('POST', '/api/v1/referrals', { ...as(s.caseworker), body: s.body() });
    const inbox = await t.request('GET', '/api/v1/referrals/inbox', as(s.focal));
    expect(inbox.body.items.map((i: any) => i.id)).not.toContain(draft.body.id);
    expect((await t.request('GET', `/api/v1/referrals/${draft.body.id}`, as(s.focal))).status).toBe(403);
  });

  it('amending makes a new snapshot version, delivered again, the old one kept', async () => {
    const r = await create();
    await delivered(r.id);
    const cur = await referral(r.id);
    const res = await t.request('POST', `/api/v1/referrals/${r.id}/amend`, {
      ...as(s.caseworker),
      body: { version: cur.version, categories: ['identification', 'case_summary'] },
    });
    expect(res.status).toBe(200);
    expect(res.body.snapshotVersion).toBe(2);
    await eventually(
      () =>
        t.dataSource.query(
          `SELECT snapshot_version FROM referral_delivery WHERE referral_id = $1 ORDER BY 1`,
          [r.id],
        ),
      (rows) => rows.length === 2,
    );
    const v2 = await t.request('GET', `/api/v1/referrals/${r.id}/snapshot`, as(s.focal));
    expect(v2.body).toMatchObject({ version: 2, categories: ['case_summary', 'identification'] });
    const v1 = await t.request('GET', `/api/v1/referrals/${r.id}/snapshot?version=1`, as(s.focal));
    expect(v1.body.categories).toEqual(['case_summary', 'health', 'identification']);
    const stale = await t.request('POST', `/api/v1/referrals/${r.id}/amend`, {
      ...as(s.caseworker),
      body: { version: cur.version },
    });
    expect(stale.body.code).toBe('STALE_VERSION');
  });

  it('consent withdrawn: access ends at once, drafts are cancelled, no new referral on it', async () => {
    const active = await create();
    await delivered(active.id);
    const draft = (await t.request('POST', '/api/v1/referrals', { ...as(s.caseworker), body: s.body() }))
      .body;
    await t.dataSource.transaction(async (m) => {
      await m.update(Consent, s.consent.id, { withdrawnAt: new Date() });
      await t.app
        .get(DomainEvents)
        .publish(m, 'consent.withdrawn', { caseId: s.caseFile.id, consentId: s.consent.id });
    });
    const snap = await t.request('GET', `/api/v1/referrals/${active.id}/snapshot`, as(s.focal));
    expect(snap.status).toBe(403);
    expect((await referral(active.id)).accessRevoked).toBe(true);
    expect((await referral(draft.id)).status).toBe('cancelled');
    const again = await t.request('POST', '/api/v1/referrals', { ...as(s.caseworker), body: s.body() });
    expect(again.body.code).toBe('CONSENT_WITHDRAWN');
  });

  it('pages the outbox with a keyset cursor and filters', async () => {
    const page1 = await t.request('GET', '/api/v1/referrals/outbox?limit=2', as(s.caseworker));
    expect(page1.body.items).toHaveLength(2);
    const page2 = await t.request(
      'GET',
      `/api/v1/referrals/outbox?limit=2&cursor=${page1.body.nextCursor}`,
      as(s.caseworker),
    );
    const all = await t.request('GET', '/api/v1/referrals/outbox?limit=100', as(s.caseworker));
    expect([...page1.body.items, ...page2.body.items].map((i: any) => i.id)).toEqual(
      all.body.items.slice(0, 4).map((i: any) => i.id),
    );
    const rejected = await t.request(
      'GET',
      '/api/v1/referrals/outbox?status=rejected,completed',
      as(s.caseworker),
    );
    expect(rejected.body.items.map((i: any) => i.status).sort()).toEqual(['completed', 'rejected']);
    const bad = await t.request('GET', '/api/v1/referrals/outbox?status=lost&limit=0', as(s.caseworker));
    expect(bad.status).toBe(400);
    const other = await makeActor(t.dataSource, Role.Caseworker, await makeAgency(t.dataSource));
    expect((await t.request('GET', '/api/v1/referrals/outbox', as(other))).body.items).toEqual([]);
  });
});
