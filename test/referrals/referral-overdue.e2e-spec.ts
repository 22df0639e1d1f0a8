import type { Actor } from '../../src/common/actor';
import { Role } from '../../src/common/role';
import { AppUser } from '../../src/directory/app-user.entity';
import { OverdueScanJob } from '../../src/escalation/escalation.jobs';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { eventually, waitForQueuesToDrain } from '../harness/queues';
import { createTestApp, TestApp } from '../harness/test-app';
import { startWorker, WorkerProcess } from '../harness/worker-process';
import { referralScenario } from './referral-scenario';

// Dispatch "now" (whole minute): the scenario's consent and agreement are dated from the real clock.
const DISPATCHED = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
// GT priority referrals: the recipient must answer within 72h (default policy).
const DUE = new Date(Date.parse(DISPATCHED) + 72 * 3600_000).toISOString();
const at = (days: number) => new Date(Date.parse(DUE) + days * 86_400_000).toISOString();

/**
 * Unanswered referrals escalate through the same engine as follow-ups, in two real worker
 * processes. Each scan's "now" is pinned with `asOf` in the job payload; the workers' clock
 * (CLOCK_FIXED_AT) is the dispatch instant, so their scheduled scans (every 2 s) run alongside
 * and find nothing due.
 */
describe('overdue referrals: flagged and escalated once per level with two workers', () => {
  let t: TestApp;
  let workers: WorkerProcess[] = [];
  let s: Awaited<ReturnType<typeof referralScenario>>;
  let sup2: Actor;
  let recipientSup: Actor;
  let lead1: Actor;
  let lead2: Actor;
  let leadInactive: Actor;
  let leadHn: Actor;
  /** Never answered. */
  let ignored: string;
  /** Accepted before its deadline. */
  let answered: string;
  /** Rejected after the caseworker was notified. */
  let late: string;

  const as = (actor: Actor) => ({ token: t.tokenFor(actor) });

  beforeAll(async () => {
    t = await createTestApp({ env: { OVERDUE_SCAN_EVERY: '2s', WORKER_CONCURRENCY: '4' } });
    s = await referralScenario(t);
    const ds = t.dataSource;
    sup2 = await makeActor(ds, Role.Supervisor, s.sender);
    recipientSup = await makeActor(ds, Role.Supervisor, s.recipient);
    const leadUnit = await makeAgency(ds, { countryCode: 'GT', type: 'national_lead_unit' });
    const leadUnitHn = await makeAgency(ds, { countryCode: 'HN', type: 'national_lead_unit' });
    lead1 = await makeActor(ds, Role.LeadUnitOfficer, leadUnit);
    lead2 = await makeActor(ds, Role.LeadUnitOfficer, leadUnit);
    leadInactive = await makeActor(ds, Role.LeadUnitOfficer, leadUnit);
    await ds.getRepository(AppUser).update({ id: leadInactive.userId }, { active: false });
    leadHn = await makeActor(ds, Role.LeadUnitOfficer, leadUnitHn);

    t.clock.set(DISPATCHED);
    const env = { ...t.env, CLOCK_FIXED_AT: DISPATCHED };
    workers = await Promise.all([startWorker(env), startWorker(env)]);
    const create = async () => {
      const res = await t.request('POST', '/api/v1/referrals', {
        ...as(s.caseworker),
        body: s.body({ dispatch: true }),
      });
      expect(res.status).toBe(201);
      expect(res.body.responseDueAt).toBe(DUE);
      return res.body.id as string;
    };
    ignored = await create();
    answered = await create();
    late = await create();
    for (const id of [ignored, answered, late])
      await eventually(
        async () => (await t.request('GET', `/api/v1/referrals/${id}`, as(s.caseworker))).body,
        (r) => r.status === 'delivered',
      );
    t.clock.set(at(-1));
    const ok = await t.request('POST', `/api/v1/referrals/${answered}/accept`, as(s.focal));
    expect(ok.status).toBe(200);
  }, 60000);
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await t.close();
  });

  /** The same scan enqueued several times at once (overlapping ticks), then one job retried. */
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
    await jobs[0].retry('completed');
    await waitForQueuesToDrain(t.queues, t.dataSource, 30000, { includeDelayed: false });
    expect(await (await t.queues.queue(OverdueScanJob.queue).getJob(jobs[0].id!))!.getState()).toBe(
      'completed',
    );
  }
  const escalations = (id: string) =>
    t.dataSource.query(
      `SELECT level, fired_at, recipients, country_code FROM escalation
        WHERE source = 'referral' AND item_id = $1 ORDER BY fired_at`,
      [id],
    );
  const notices = async (who: Actor, id = ignored) =>
    (
      await t.dataSource.query(
        `SELECT level FROM notification WHERE user_id = $1 AND type = 'referral.overdue' AND subject_id = $2`,
        [who.userId, id],
      )
    ).map((n: any) => n.level);
  const row = async (id: string) =>
    (
      await t.dataSource.query(
        'SELECT status, escalation_level, overdue_since, version FROM referral WHERE id = $1',
        [id],
      )
    )[0];
  const overdueOutbox = async (when: string) => {
    t.clock.set(when);
    const res = await t.request('GET', '/api/v1/referrals/outbox?overdue=true', as(s.caseworker));
    expect(res.status).toBe(200);
    return res.body.items.map((r: any) => r.id).sort();
  };

  it('does nothing before the grace period ends; the overdue list already shows the unanswered ones', async () => {
    const versions = await Promise.all([ignored, late].map(async (id) => (await row(id)).version));
    await scanAt(at(0.5));
    for (const id of [ignored, answered, late]) expect(await escalations(id)).toEqual([]);
    expect(await row(ignored)).toMatchObject({ escalation_level: 0, overdue_since: null });
    expect(await overdueOutbox(at(-0.5))).toEqual([]);
    expect(await overdueOutbox(at(0.5))).toEqual([ignored, late].sort());
    // The scan never bumps the version a recipient's or sender's form holds.
    expect(await Promise.all([ignored, late].map(async (id) => (await row(id)).version))).toEqual(versions);
  });

  it('flags the unanswered referrals and notifies the sending caseworker once at due + 1 day', async () => {
    await scanAt(at(1));
    await scanAt(at(2));
    for (const id of [ignored, late]) {
      expect(await escalations(id)).toEqual([
        { level: 'caseworker', fired_at: new Date(at(1)), recipients: 1, country_code: 'GT' },
      ]);
      expect(await row(id)).toMatchObject({ escalation_level: 1, overdue_since: new Date(at(1)) });
      expect(await notices(s.caseworker, id)).toEqual(['caseworker']);
    }
    for (const who of [s.supervisor, sup2, lead1]) expect(await notices(who)).toEqual([]);
    expect(await escalations(answered)).toEqual([]);
    expect(await row(answered)).toMatchObject({
      status: 'accepted',
      escalation_level: 0,
      overdue_since: null,
    });
  });

  it("a late answer stops further escalation; the sender agency's supervisors get the rest once at due + 3 days", async () => {
    t.clock.set(at(2.5));
    const rejected = await t.request('POST', `/api/v1/referrals/${late}/reject`, {
      ...as(s.focal),
      body: { reason: 'Sin cupo en el servicio' },
    });
    expect(rejected.status).toBe(200);
    expect(await overdueOutbox(at(2.5))).toEqual([ignored]);
    await scanAt(at(3));
    await scanAt(at(5));
    expect((await escalations(ignored)).map((e: any) => [e.level, e.recipients])).toEqual([
      ['caseworker', 1],
      ['supervisor', 2],
    ]);
    expect(await notices(s.supervisor)).toEqual(['supervisor']);
    expect(await notices(sup2)).toEqual(['supervisor']);
    expect(await notices(recipientSup)).toEqual([]);
    expect(await notices(s.caseworker)).toEqual(['caseworker']);
    expect((await escalations(late)).map((e: any) => e.level)).toEqual(['caseworker']);
    expect(await row(late)).toMatchObject({ status: 'rejected', escalation_level: 1 });
  });

  it("escalates to every active lead-unit officer of the sender's country once at due + 7 days", async () => {
    await scanAt(at(7));
    await scanAt(at(8));
    await scanAt(at(20));
    expect((await escalations(ignored)).map((e: any) => [e.level, e.fired_at])).toEqual([
      ['caseworker', new Date(at(1))],
      ['supervisor', new Date(at(3))],
      ['lead_unit', new Date(at(7))],
    ]);
    expect(await notices(lead1)).toEqual(['lead_unit']);
    expect(await notices(lead2)).toEqual(['lead_unit']);
    expect(await notices(leadInactive)).toEqual([]);
    expect(await notices(leadHn)).toEqual([]);
    expect(await row(ignored)).toMatchObject({
      status: 'delivered',
      escalation_level: 3,
      overdue_since: new Date(at(1)),
    });
    // 1 caseworker + 2 supervisors + 2 lead-unit officers for the ignored one, 1 for the late one.
    const counts = await t.dataSource.query(
      `SELECT subject_id, count(*)::int AS n FROM notification WHERE type = 'referral.overdue' GROUP BY 1`,
    );
    expect(Object.fromEntries(counts.map((c: any) => [c.subject_id, c.n]))).toEqual({
      [ignored]: 5,
      [late]: 1,
    });
    // Fully escalated: it left the scan's partial index, though the list still calls it overdue.
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM referral
        WHERE status IN ('dispatched', 'delivered', 'delivery_failed') AND escalation_level < 3 AND id = $1`,
      [ignored],
    );
    expect(n).toBe(0);
    expect(await overdueOutbox(at(20))).toEqual([ignored]);
  });

  it('the notifications carry operational fields only', async () => {
    const res = await t.request('GET', '/api/v1/notifications', as(lead1));
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        id: expect.any(String),
        type: 'referral.overdue',
        level: 'lead_unit',
        caseId: s.caseFile.id,
        caseNumber: s.caseFile.caseNumber,
        subjectType: 'Referral',
        subjectId: ignored,
        dueAt: DUE,
        data: { urgency: 'priority', status: 'delivered' },
        createdAt: at(7),
        readAt: null,
      },
    ]);
  });

  it('both worker processes ran scans and nothing was notified twice', async () => {
    for (const w of workers) expect(w.output()).toContain('overdue scan done');
    const dup = await t.dataSource.query(
      `SELECT subject_id, user_id, level FROM notification WHERE type = 'referral.overdue'
        GROUP BY 1, 2, 3 HAVING count(*) > 1`,
    );
    expect(dup).toEqual([]);
  });
});
