import type { Actor } from '../../src/common/actor';
import { Role } from '../../src/common/role';
import { DomainEvents } from '../../src/common/domain-events';
import type { Agency } from '../../src/directory/agency.entity';
import { AppUser } from '../../src/directory/app-user.entity';
import { OverdueScanJob } from '../../src/escalation/escalation.jobs';
import { makeCase, publishCaseEvent } from '../factories/cases.factory';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { eventually, waitForQueuesToDrain } from '../harness/queues';
import { createTestApp, TestApp } from '../harness/test-app';
import { startWorker, WorkerProcess } from '../harness/worker-process';

const REGISTERED = '2026-11-02T09:00:00.000Z';
/** A case in follow-up at high risk, returned and opened at REGISTERED. */
const FOLLOW_UP_CASE = {
  phase: 'follow_up',
  riskLevel: 'high',
  legalBasis: 'legal_obligation',
  returnedAt: new Date(REGISTERED),
  openedAt: new Date(REGISTERED),
} as const;
// GT high risk: first follow-up due 5 days after registration.
const DUE = '2026-11-07T09:00:00.000Z';
const at = (days: number) => new Date(Date.parse(DUE) + days * 86_400_000).toISOString();

/**
 * The scan runs in two real worker processes. The test pins each scan's "now" with `asOf` in the
 * job payload; the workers' own clock (CLOCK_FIXED_AT) is the registration instant, so the job
 * scheduler's periodic scans (every 2 s here) run concurrently but find nothing to escalate.
 */
describe('overdue scan: flagging and escalation, exactly once with two workers', () => {
  let t: TestApp;
  let workers: WorkerProcess[] = [];
  let gt: Agency;
  let cw: Actor;
  let sup1: Actor;
  let sup2: Actor;
  let supOther: Actor;
  let lead1: Actor;
  let lead2: Actor;
  let leadInactive: Actor;
  let leadHn: Actor;
  let caseId: string;
  let caseNumber: string;
  let followUpId: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { OVERDUE_SCAN_EVERY: '2s', WORKER_CONCURRENCY: '4' } });
    const ds = t.dataSource;
    gt = await makeAgency(ds, { countryCode: 'GT' });
    const other = await makeAgency(ds, { countryCode: 'GT' });
    const leadUnit = await makeAgency(ds, { countryCode: 'GT', type: 'national_lead_unit' });
    const leadUnitHn = await makeAgency(ds, { countryCode: 'HN', type: 'national_lead_unit' });
    cw = await makeActor(ds, Role.Caseworker, gt);
    sup1 = await makeActor(ds, Role.Supervisor, gt);
    sup2 = await makeActor(ds, Role.Supervisor, gt);
    supOther = await makeActor(ds, Role.Supervisor, other);
    lead1 = await makeActor(ds, Role.LeadUnitOfficer, leadUnit);
    lead2 = await makeActor(ds, Role.LeadUnitOfficer, leadUnit);
    leadInactive = await makeActor(ds, Role.LeadUnitOfficer, leadUnit);
    await ds.getRepository(AppUser).update({ id: leadInactive.userId }, { active: false });
    leadHn = await makeActor(ds, Role.LeadUnitOfficer, leadUnitHn);

    t.clock.set(REGISTERED);
    const c = await makeCase(ds, gt, {
      ...FOLLOW_UP_CASE,
      assignedUserId: cw.userId,
    });
    await publishCaseEvent(ds, t.app.get(DomainEvents), 'case.registered', { caseId: c.id });
    caseId = c.id;
    caseNumber = c.caseNumber;
    const [f] = await ds.query(`SELECT id, due_at FROM follow_up WHERE case_id = $1 AND kind = 'interval'`, [
      c.id,
    ]);
    expect(f.due_at.toISOString()).toBe(DUE);
    followUpId = f.id;

    const env = { ...t.env, CLOCK_FIXED_AT: REGISTERED };
    workers = await Promise.all([startWorker(env), startWorker(env)]);
  }, 60000);
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await t.close();
  });

  /**
   * Enqueues the same scan several times at once (as overlapping ticks would), waits, then makes
   * BullMQ retry one of the completed jobs (same job id, run again) and waits again.
   */
  async function scanAt(asOf: string, copies = 6) {
    const jobs = await Promise.all(
      Array.from({ length: copies }, (_, i) =>
        t.queues.add(
          OverdueScanJob,
          { asOf },
          { jobId: `scan-${Date.parse(asOf)}-${i}-${Math.random().toString(36).slice(2)}` },
        ),
      ),
    );
    await waitForQueuesToDrain(t.queues, t.dataSource, 30000, { includeDelayed: false });
    const q = t.queues.queue(OverdueScanJob.queue);
    const firstRun = (await q.getJob(jobs[0].id!))!.finishedOn!;
    await jobs[0].retry('completed');
    await waitForQueuesToDrain(t.queues, t.dataSource, 30000, { includeDelayed: false });
    const rerun = (await q.getJob(jobs[0].id!))!;
    expect(await rerun.getState()).toBe('completed');
    expect(rerun.finishedOn!).toBeGreaterThanOrEqual(firstRun);
    expect(rerun.processedOn!).toBeGreaterThanOrEqual(firstRun);
  }
  const escalations = () =>
    t.dataSource.query(
      `SELECT level, fired_at, recipients FROM escalation WHERE source = 'follow_up' AND item_id = $1 ORDER BY fired_at`,
      [followUpId],
    );
  const overdueNotices = async (who: Actor) =>
    (
      await t.dataSource.query(
        `SELECT level, type, case_id, case_number, subject_id, due_at, data FROM notification
          WHERE user_id = $1 AND type = 'follow_up.overdue' AND subject_id = $2`,
        [who.userId, followUpId],
      )
    ).map((n: any) => n.level);
  const item = async () =>
    (
      await t.dataSource.query(
        'SELECT escalation_level, overdue_since, version FROM follow_up WHERE id = $1',
        [followUpId],
      )
    )[0];

  it('does nothing before the grace period ends', async () => {
    await scanAt(at(0.5));
    expect(await escalations()).toEqual([]);
    expect(await item()).toMatchObject({ escalation_level: 0, overdue_since: null });
  });

  it('flags the follow-up overdue and notifies the caseworker once at due + 1 day', async () => {
    await scanAt(at(1));
    await scanAt(at(2));
    expect(await escalations()).toEqual([{ level: 'caseworker', fired_at: new Date(at(1)), recipients: 1 }]);
    expect(await item()).toMatchObject({ escalation_level: 1, overdue_since: new Date(at(1)), version: 1 });
    expect(await overdueNotices(cw)).toEqual(['caseworker']);
    for (const who of [sup1, sup2, lead1]) expect(await overdueNotices(who)).toEqual([]);
  });

  it("escalates to the agency's supervisors once at due + 3 days", async () => {
    await scanAt(at(3));
    await scanAt(at(5));
    expect((await escalations()).map((e: any) => [e.level, e.recipients])).toEqual([
      ['caseworker', 1],
      ['supervisor', 2],
    ]);
    expect(await overdueNotices(sup1)).toEqual(['supervisor']);
    expect(await overdueNotices(sup2)).toEqual(['supervisor']);
    expect(await overdueNotices(supOther)).toEqual([]);
    expect(await overdueNotices(cw)).toEqual(['caseworker']);
  });

  it("escalates to every active lead-unit officer of the case's country once at due + 7 days", async () => {
    await scanAt(at(7));
    await scanAt(at(8));
    await scanAt(at(20));
    expect((await escalations()).map((e: any) => e.level)).toEqual(['caseworker', 'supervisor', 'lead_unit']);
    expect(await overdueNotices(lead1)).toEqual(['lead_unit']);
    expect(await overdueNotices(lead2)).toEqual(['lead_unit']);
    expect(await overdueNotices(leadInactive)).toEqual([]);
    expect(await overdueNotices(leadHn)).toEqual([]);
    expect(await item()).toMatchObject({ escalation_level: 3, overdue_since: new Date(at(1)) });
    // Every level fired exactly once in total: 1 caseworker + 2 supervisors + 2 lead-unit officers.
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM notification WHERE subject_id = $1`,
      [followUpId],
    );
    expect(n).toBe(5);
    // Fully escalated: the scan no longer reads it (it left the partial index).
    const [{ inIndex }] = await t.dataSource.query(
      `SELECT count(*)::int AS "inIndex" FROM follow_up WHERE status = 'scheduled' AND escalation_level < 3 AND id = $1`,
      [followUpId],
    );
    expect(inIndex).toBe(0);
  });

  it('both worker processes ran scans', () => {
    for (const w of workers) expect(w.output()).toContain('overdue scan done');
  });

  it('notifications carry operational fields only', async () => {
    const res = await t.request('GET', '/api/v1/notifications', { token: t.tokenFor(lead1) });
    expect(res.status).toBe(200);
    const [n] = res.body.items;
    expect(n).toEqual({
      id: expect.any(String),
      type: 'follow_up.overdue',
      level: 'lead_unit',
      caseId,
      caseNumber,
      subjectType: 'FollowUp',
      subjectId: followUpId,
      dueAt: DUE,
      data: { followUpType: 'home_visit' },
      createdAt: at(7),
      readAt: null,
    });
  });

  it("a completed follow-up is not escalated, and the job scheduler's own scans escalate with the worker clock", async () => {
    // A second case: its first follow-up is recorded in time, the checkpoint one month after return is not.
    const c = await makeCase(t.dataSource, gt, {
      ...FOLLOW_UP_CASE,
      assignedUserId: cw.userId,
    });
    await publishCaseEvent(t.dataSource, t.app.get(DomainEvents), 'case.registered', { caseId: c.id });
    const [first] = await t.dataSource.query(
      `SELECT id, version FROM follow_up WHERE case_id = $1 AND kind = 'interval'`,
      [c.id],
    );
    t.clock.set(at(-1));
    const done = await t.request('POST', `/api/v1/follow-ups/${first.id}/complete`, {
      token: t.tokenFor(cw),
      body: { version: first.version, contactMade: true },
    });
    expect(done.status).toBe(200);
    // Two fresh workers whose clock is 2026-12-20 replace the first two: their scheduled scans
    // (no asOf) see the 2026-12-02 checkpoint 18 days overdue, and every interval follow-up since.
    await Promise.all(workers.map((w) => w.stop()));
    const lateEnv = { ...t.env, CLOCK_FIXED_AT: '2026-12-20T00:00:00.000Z' };
    workers = await Promise.all([startWorker(lateEnv), startWorker(lateEnv)]);
    const levels = await eventually(
      () =>
        t.dataSource.query(
          `SELECT e.level FROM escalation e JOIN follow_up f ON f.id = e.item_id
            WHERE f.case_id = $1 AND f.kind = 'checkpoint' ORDER BY e.fired_at`,
          [c.id],
        ),
      (rows: any[]) => rows.length === 3,
      20000,
    );
    expect(levels.map((r: any) => r.level)).toEqual(['caseworker', 'supervisor', 'lead_unit']);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM escalation WHERE item_id = $1`, [
      first.id,
    ]);
    expect(n).toBe(0);
    // Scans keep running in both workers; no level is ever inserted twice (the unique key) and
    // no notification is duplicated.
    await new Promise((r) => setTimeout(r, 4500));
    const dup = await t.dataSource.query(
      `SELECT subject_id, user_id, level, count(*) FROM notification WHERE type = 'follow_up.overdue'
        GROUP BY 1, 2, 3 HAVING count(*) > 1`,
    );
    expect(dup).toEqual([]);
  }, 60000);
});

describe('notification inbox', () => {
  let t: TestApp;
  let cw: Actor;
  let other: Actor;
  let caseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const agency = await makeAgency(t.dataSource);
    cw = await makeActor(t.dataSource, Role.Caseworker, agency);
    other = await makeActor(t.dataSource, Role.Caseworker, agency);
    const c = await makeCase(t.dataSource, agency, {
      ...FOLLOW_UP_CASE,
      assignedUserId: cw.userId,
    });
    caseId = c.id;
    const events = t.app.get(DomainEvents);
    t.clock.set(REGISTERED);
    // Referral responses reach the case's caseworker.
    for (const [i, status] of ['accepted', 'rejected', 'accepted'].entries()) {
      t.clock.set(new Date(Date.parse(REGISTERED) + i * 60_000));
      await publishCaseEvent(t.dataSource, events, 'referral.responded', {
        referralId: `5f0c3a4e-8a1b-4b7e-9d7e-0e2a4c1b2d3${i}`,
        caseId,
        status,
      });
    }
  });
  afterAll(() => t.close());

  const get = (url: string, who: Actor) => t.request('GET', url, { token: t.tokenFor(who) });

  it('turns referral responses into notifications for the caseworker, newest first, in keyset pages', async () => {
    const p1 = await get('/api/v1/notifications?limit=2', cw);
    expect(p1.status).toBe(200);
    expect(p1.body.items.map((n: any) => n.data.status)).toEqual(['accepted', 'rejected']);
    expect(p1.body.items[0]).toMatchObject({
      type: 'referral.responded',
      caseId,
      subjectType: 'Referral',
      readAt: null,
    });
    const p2 = await get(`/api/v1/notifications?limit=2&cursor=${p1.body.nextCursor}`, cw);
    expect(p2.body.items.map((n: any) => n.data.status)).toEqual(['accepted']);
    expect(p2.body.nextCursor).toBeNull();
  });

  it('shows each user only their own notifications', async () => {
    expect((await get('/api/v1/notifications', other)).body.items).toEqual([]);
    expect((await get('/api/v1/notifications/unread-count', other)).body).toEqual({ unread: 0 });
  });

  it('counts unread, marks one read (only the owner) and marks all read', async () => {
    expect((await get('/api/v1/notifications/unread-count', cw)).body).toEqual({ unread: 3 });
    const [first] = (await get('/api/v1/notifications', cw)).body.items;
    const stranger = await t.request('POST', `/api/v1/notifications/${first.id}/read`, {
      token: t.tokenFor(other),
    });
    expect(stranger.status).toBe(403);
    const [denied] = await t.dataSource.query(
      `SELECT action, outcome FROM audit_entry WHERE actor_user_id = $1 ORDER BY id DESC LIMIT 1`,
      [other.userId],
    );
    expect(denied).toEqual({ action: 'notification.update', outcome: 'denied' });
    t.clock.set('2026-11-03T10:00:00.000Z');
    const read = await t.request('POST', `/api/v1/notifications/${first.id}/read`, { token: t.tokenFor(cw) });
    expect(read.status).toBe(200);
    expect(read.body.readAt).toBe('2026-11-03T10:00:00.000Z');
    expect((await get('/api/v1/notifications/unread-count', cw)).body).toEqual({ unread: 2 });
    const unread = await get('/api/v1/notifications?unread=true', cw);
    expect(unread.body.items.map((n: any) => n.id)).not.toContain(first.id);
    expect(unread.body.items).toHaveLength(2);
    const all = await t.request('POST', '/api/v1/notifications/read-all', { token: t.tokenFor(cw) });
    expect(all.body).toEqual({ marked: 2 });
    expect((await get('/api/v1/notifications/unread-count', cw)).body).toEqual({ unread: 0 });
  });

  it('every role has an inbox; no token, no inbox', async () => {
    const agency = await makeAgency(t.dataSource);
    for (const role of Object.values(Role)) {
      const actor = await makeActor(t.dataSource, role, agency);
      expect([role, (await get('/api/v1/notifications', actor)).status]).toEqual([role, 200]);
      expect([role, (await get('/api/v1/notifications/unread-count', actor)).status]).toEqual([role, 200]);
      const readAll = await t.request('POST', '/api/v1/notifications/read-all', { token: t.tokenFor(actor) });
      expect([role, readAll.status]).toEqual([role, 200]);
    }
    expect((await t.request('GET', '/api/v1/notifications')).status).toBe(401);
    expect((await t.request('GET', '/api/v1/notifications/unread-count')).status).toBe(401);
    expect((await t.request('POST', '/api/v1/notifications/read-all')).status).toBe(401);
    const id = '5f0c3a4e-8a1b-4b7e-9d7e-0e2a4c1b2d3f';
    expect((await t.request('POST', `/api/v1/notifications/${id}/read`)).status).toBe(401);
  });

  it('rejects bad input', async () => {
    for (const q of ['limit=0', 'limit=101', 'unread=maybe', 'cursor=bad', 'x=1']) {
      const res = await get(`/api/v1/notifications?${q}`, cw);
      expect([q, res.status]).toEqual([q, 400]);
    }
    expect(
      (await t.request('POST', '/api/v1/notifications/nope/read', { token: t.tokenFor(cw) })).status,
    ).toBe(400);
    const missing = await t.request(
      'POST',
      '/api/v1/notifications/5f0c3a4e-8a1b-4b7e-9d7e-0e2a4c1b2d3f/read',
      {
        token: t.tokenFor(cw),
      },
    );
    expect(missing.status).toBe(404);
  });
});
