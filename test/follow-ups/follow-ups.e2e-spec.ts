import type { Actor } from '../../src/common/actor';
import { Role } from '../../src/common/role';
import { DomainEvents } from '../../src/common/domain-events';
import type { Agency } from '../../src/directory/agency.entity';
import { makeCase, publishCaseEvent } from '../factories/cases.factory';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { createTestApp, TestApp } from '../harness/test-app';

const REGISTERED = '2026-11-02T09:00:00.000Z';
/** A case in follow-up at high risk, returned and opened at REGISTERED. */
const FOLLOW_UP_CASE = {
  phase: 'follow_up',
  riskLevel: 'high',
  legalBasis: 'legal_obligation',
  returnedAt: new Date(REGISTERED),
  openedAt: new Date(REGISTERED),
} as const;
const days = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString();

describe('follow-ups: scheduling from policy and the follow-up routes', () => {
  let t: TestApp;
  let events: DomainEvents;
  let gt: Agency;
  let gtOther: Agency;
  let health: Agency;
  let hn: Agency;
  let cw: Actor;
  let cw2: Actor;
  let sup: Actor;
  let supOther: Actor;
  let focal: Actor;
  let lead: Actor;
  let leadHn: Actor;
  let analyst: Actor;
  let auditor: Actor;
  let admin: Actor;

  beforeAll(async () => {
    t = await createTestApp();
    events = t.app.get(DomainEvents);
    const ds = t.dataSource;
    gt = await makeAgency(ds, { countryCode: 'GT' });
    gtOther = await makeAgency(ds, { countryCode: 'GT' });
    health = await makeAgency(ds, { countryCode: 'GT', type: 'health' });
    hn = await makeAgency(ds, { countryCode: 'HN' });
    const leadAgency = await makeAgency(ds, { countryCode: 'GT', type: 'national_lead_unit' });
    const leadAgencyHn = await makeAgency(ds, { countryCode: 'HN', type: 'national_lead_unit' });
    cw = await makeActor(ds, Role.Caseworker, gt);
    cw2 = await makeActor(ds, Role.Caseworker, gt);
    sup = await makeActor(ds, Role.Supervisor, gt);
    supOther = await makeActor(ds, Role.Supervisor, gtOther);
    focal = await makeActor(ds, Role.ReferralFocalPoint, health);
    lead = await makeActor(ds, Role.LeadUnitOfficer, leadAgency);
    leadHn = await makeActor(ds, Role.LeadUnitOfficer, leadAgencyHn);
    analyst = await makeActor(ds, Role.RegionalAnalyst, leadAgency);
    auditor = await makeActor(ds, Role.Auditor, leadAgency);
    admin = await makeActor(ds, Role.Administrator, leadAgency);
    t.clock.set(REGISTERED);
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set(REGISTERED));

  async function registerCase(agency: Agency, over: Record<string, unknown> = {}) {
    const c = await makeCase(t.dataSource, agency, {
      ...FOLLOW_UP_CASE,
      assignedUserId: agency.id === gt.id ? cw.userId : null,
      ...over,
    });
    await publishCaseEvent(t.dataSource, events, 'case.registered', { caseId: c.id });
    return c;
  }
  const list = async (caseId: string, who: Actor = cw) => {
    const res = await t.request('GET', `/api/v1/cases/${caseId}/follow-ups?limit=100`, {
      token: t.tokenFor(who),
    });
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    return res.body.items as any[];
  };
  const scheduled = async (caseId: string) => (await list(caseId)).filter((f) => f.status === 'scheduled');
  const post = (url: string, who: Actor, body?: unknown) =>
    t.request('POST', url, { token: t.tokenFor(who), body: body ?? {} });
  const manual = async (caseId: string, over: Record<string, unknown> = {}) => {
    const res = await post(`/api/v1/cases/${caseId}/follow-ups`, cw, {
      type: 'phone',
      dueAt: days(t.clock.now().toISOString(), 2),
      ...over,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const deniedCount = async (actor: Actor) =>
    Number(
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM audit_entry WHERE actor_user_id = $1 AND outcome = 'denied'`,
          [actor.userId],
        )
      )[0].n,
    );

  describe('scheduling', () => {
    it("on registration: the first interval follow-up by the country's policy and the post-return checkpoints", async () => {
      const c = await registerCase(gt, { riskLevel: 'high' });
      const fus = await list(c.id);
      expect(fus.map((f) => [f.kind, f.type, f.dueAt, f.explain])).toEqual([
        [
          'interval',
          'home_visit',
          days(REGISTERED, 5),
          'config/policy/countries/GT.yaml#followUp.interval.high = 5d after 2026-11-02 registration',
        ],
        [
          'checkpoint',
          'home_visit',
          '2026-12-02T09:00:00.000Z',
          'config/policy/default.yaml#followUp.postReturnCheckpoints[0] = 1mo after 2026-11-02 return',
        ],
        ['checkpoint', 'home_visit', '2027-02-02T09:00:00.000Z', expect.stringContaining('[1] = 3mo')],
        ['checkpoint', 'home_visit', '2027-05-02T09:00:00.000Z', expect.stringContaining('[2] = 6mo')],
        ['checkpoint', 'home_visit', '2027-11-02T09:00:00.000Z', expect.stringContaining('[3] = 12mo')],
      ]);
      expect(fus.every((f) => f.responsibleUserId === cw.userId && f.responsibleAgencyId === gt.id)).toBe(
        true,
      );
      // A redelivered event schedules nothing more.
      await publishCaseEvent(t.dataSource, events, 'case.registered', { caseId: c.id });
      expect(await list(c.id)).toHaveLength(5);
    });

    it.each([
      ['high', 7, 'home_visit'],
      ['medium', 14, 'home_visit'],
      ['low', 30, 'phone'],
    ])('default policy (HN): %s risk -> every %i days', async (risk, n, type) => {
      const hnCw = await makeActor(t.dataSource, Role.Caseworker, hn);
      const c = await registerCase(hn, { riskLevel: risk, assignedUserId: hnCw.userId });
      const [first] = (await list(c.id, hnCw)).filter((f) => f.kind === 'interval');
      expect(first).toMatchObject({
        kind: 'interval',
        type,
        dueAt: days(REGISTERED, n),
        explain: `config/policy/default.yaml#followUp.interval.${risk} = ${n}d after 2026-11-02 registration`,
      });
    });

    it('skips checkpoints already past when a case is registered late', async () => {
      const c = await registerCase(gt, {
        returnedAt: new Date('2026-08-01T09:00:00Z'),
        openedAt: new Date(REGISTERED),
      });
      const checkpoints = (await list(c.id)).filter((f) => f.kind === 'checkpoint');
      expect(checkpoints.map((f) => f.dueAt.slice(0, 10))).toEqual(['2027-02-01', '2027-08-01']);
    });

    it('after a completion schedules the next interval follow-up from the completion date', async () => {
      const c = await registerCase(gt);
      const [first] = await scheduled(c.id);
      t.clock.set(days(REGISTERED, 4));
      const res = await post(`/api/v1/follow-ups/${first.id}/complete`, cw, {
        version: first.version,
        contactMade: true,
        outcomeNotes: 'La familia está bien.',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'completed', contactMade: true, attempts: 1, version: 2 });
      expect(res.body.outcomeNotes).toBe('La familia está bien.');
      const next = (await scheduled(c.id)).filter((f) => f.kind === 'interval');
      expect(next).toHaveLength(1);
      expect(next[0].dueAt).toBe(days(REGISTERED, 9));
      expect(next[0].explain).toBe(
        'config/policy/countries/GT.yaml#followUp.interval.high = 5d after 2026-11-06 follow-up completion',
      );
      t.clock.set(REGISTERED);
    });

    it('a change of risk level cancels the pending interval follow-up and reschedules it, with the reason', async () => {
      const c = await registerCase(gt, { riskLevel: 'high' });
      t.clock.set(days(REGISTERED, 2));
      await publishCaseEvent(
        t.dataSource,
        events,
        'case.riskChanged',
        { caseId: c.id, from: 'high', to: 'low' },
        { id: c.id, riskLevel: 'low' },
      );
      const all = (await list(c.id)).filter((f) => f.kind === 'interval');
      expect(all.map((f) => [f.status, f.cancelReason])).toEqual([
        ['cancelled', 'risk_changed'],
        ['scheduled', null],
      ]);
      expect(all[1]).toMatchObject({
        type: 'phone',
        dueAt: days(REGISTERED, 32),
        explain:
          'config/policy/default.yaml#followUp.interval.low = 30d after 2026-11-04 risk change from high to low',
      });
      t.clock.set(REGISTERED);
    });

    it('closure stops interval and manual follow-ups, keeps checkpoints and adds post-closure ones; reopening resumes', async () => {
      const c = await registerCase(gt);
      await manual(c.id);
      const closedAt = days(REGISTERED, 40);
      t.clock.set(closedAt);
      await publishCaseEvent(
        t.dataSource,
        events,
        'case.closed',
        { caseId: c.id, reason: 'goals_met' },
        { id: c.id, status: 'closed', phase: 'closed', closedAt: new Date(closedAt) },
      );
      let open = await scheduled(c.id);
      expect(open.map((f) => f.kind).sort()).toEqual([
        'checkpoint',
        'checkpoint',
        'checkpoint',
        'checkpoint',
        'post_closure',
        'post_closure',
      ]);
      const post = open.filter((f) => f.kind === 'post_closure');
      expect(post.map((f) => f.dueAt.slice(0, 10))).toEqual(['2027-03-12', '2027-06-12']);
      expect(post[0].explain).toBe(
        'config/policy/default.yaml#followUp.postClosure[0] = 3mo after 2026-12-12 closure',
      );
      const cancelled = (await list(c.id)).filter((f) => f.status === 'cancelled');
      expect(cancelled.map((f) => [f.kind, f.cancelReason]).sort()).toEqual([
        ['interval', 'case_closed'],
        ['manual', 'case_closed'],
      ]);

      t.clock.set(days(REGISTERED, 50));
      await publishCaseEvent(
        t.dataSource,
        events,
        'case.reopened',
        { caseId: c.id },
        { id: c.id, status: 'open', phase: 'follow_up', closedAt: null },
      );
      open = await scheduled(c.id);
      expect(open.filter((f) => f.kind === 'post_closure')).toEqual([]);
      expect(open.filter((f) => f.kind === 'interval')).toEqual([
        expect.objectContaining({
          dueAt: days(REGISTERED, 55),
          explain: 'config/policy/countries/GT.yaml#followUp.interval.high = 5d after 2026-12-22 reopening',
        }),
      ]);
      t.clock.set(REGISTERED);
    });

    it('closure after a death cancels everything and plans nothing', async () => {
      const c = await registerCase(gt);
      await publishCaseEvent(
        t.dataSource,
        events,
        'case.closed',
        { caseId: c.id, reason: 'death' },
        { id: c.id, status: 'closed', closedAt: new Date(REGISTERED) },
      );
      expect(await scheduled(c.id)).toEqual([]);
    });
  });

  describe('recording follow-ups', () => {
    it('a contact not made counts as a missed attempt; three misses in a row raise one lost-contact alert', async () => {
      const c = await registerCase(gt);
      const inbox = async (who: Actor) =>
        (await t.request('GET', '/api/v1/notifications', { token: t.tokenFor(who) })).body.items.filter(
          (n: any) => n.type === 'case.lost_contact' && n.caseId === c.id,
        );
      const missNext = async (how: 'complete' | 'missed') => {
        const [next] = (await scheduled(c.id)).filter((f) => f.kind === 'interval');
        const body =
          how === 'complete' ? { version: next.version, contactMade: false } : { version: next.version };
        const res = await post(`/api/v1/follow-ups/${next.id}/${how}`, cw, body);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ status: 'missed', attempts: 1 });
        return res.body;
      };
      await missNext('complete');
      await missNext('missed');
      expect(await inbox(cw)).toEqual([]);
      await missNext('missed');
      const alerts = await inbox(cw);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({ caseNumber: c.caseNumber, data: { missedFollowUps: 3 } });
      expect(await inbox(sup)).toHaveLength(1);
      // A fourth miss in the same streak does not alert again.
      await missNext('missed');
      expect(await inbox(cw)).toHaveLength(1);
      // A contact ends the streak; three new misses raise a new alert.
      const [next] = (await scheduled(c.id)).filter((f) => f.kind === 'interval');
      await post(`/api/v1/follow-ups/${next.id}/complete`, cw, { version: next.version, contactMade: true });
      await missNext('missed');
      await missNext('missed');
      await missNext('missed');
      expect(await inbox(cw)).toHaveLength(2);
      // Each missed interval follow-up was followed by the next one.
      expect((await scheduled(c.id)).filter((f) => f.kind === 'interval')).toHaveLength(1);
    });

    it('rejects a stale version with 409 and a second recording with 409', async () => {
      const c = await registerCase(gt);
      const f = await manual(c.id);
      const stale = await post(`/api/v1/follow-ups/${f.id}/complete`, cw, {
        version: f.version + 1,
        contactMade: true,
      });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      const ok = await post(`/api/v1/follow-ups/${f.id}/cancel`, cw, { version: f.version });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'cancelled', cancelReason: 'manual', attempts: 0 });
      const again = await post(`/api/v1/follow-ups/${f.id}/missed`, cw, { version: ok.body.version });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('FOLLOW_UP_NOT_SCHEDULED');
    });

    it('a receiving agency can own a follow-up: its focal point sees and records only those', async () => {
      const c = await registerCase(gt);
      const owned = await manual(c.id, {
        responsibleAgencyId: health.id,
        referralId: '5f0c3a4e-8a1b-4b7e-9d7e-0e2a4c1b2d3f',
      });
      expect(owned).toMatchObject({ responsibleAgencyId: health.id, responsibleUserId: null });
      const seen = await list(c.id, focal);
      expect(seen.map((f) => f.id)).toEqual([owned.id]);
      const mine = await t.request('GET', '/api/v1/follow-ups/mine', { token: t.tokenFor(focal) });
      expect(mine.body.items.map((f: any) => f.id)).toContain(owned.id);
      const done = await post(`/api/v1/follow-ups/${owned.id}/complete`, focal, {
        version: owned.version,
        contactMade: true,
        outcomeNotes: 'Atendida en el centro de salud.',
      });
      expect(done.status).toBe(200);
      expect(done.body.outcomeNotes).toBe('Atendida en el centro de salud.');
    });

    it('the lead unit sees follow-ups of its country without outcome notes', async () => {
      const c = await registerCase(gt);
      const f = await manual(c.id);
      await post(`/api/v1/follow-ups/${f.id}/complete`, cw, {
        version: f.version,
        contactMade: true,
        outcomeNotes: 'secreto',
      });
      const seen = await list(c.id, lead);
      expect(seen.length).toBeGreaterThan(0);
      expect(JSON.stringify(seen)).not.toContain('secreto');
      expect(seen.every((x) => !('outcomeNotes' in x))).toBe(true);
      expect(seen.find((x) => x.id === f.id)).toMatchObject({
        status: 'completed',
        caseNumber: c.caseNumber,
      });
    });

    it("GET /follow-ups/mine is the caller's due list, soonest first, in keyset pages", async () => {
      const me = await makeActor(t.dataSource, Role.Caseworker, gt);
      const c = await registerCase(gt, { assignedUserId: me.userId });
      const res1 = await t.request('GET', '/api/v1/follow-ups/mine?limit=2', { token: t.tokenFor(me) });
      expect(res1.status).toBe(200);
      expect(res1.body.items).toHaveLength(2);
      const res2 = await t.request('GET', `/api/v1/follow-ups/mine?limit=10&cursor=${res1.body.nextCursor}`, {
        token: t.tokenFor(me),
      });
      const all = [...res1.body.items, ...res2.body.items];
      expect(all).toHaveLength(5);
      expect(res2.body.nextCursor).toBeNull();
      expect(all.map((f) => f.dueAt)).toEqual([...all.map((f) => f.dueAt)].sort());
      expect(all.every((f) => f.caseId === c.id)).toBe(true);
      const soon = await t.request('GET', `/api/v1/follow-ups/mine?dueBefore=${days(REGISTERED, 10)}`, {
        token: t.tokenFor(me),
      });
      expect(soon.body.items).toHaveLength(1);
    });
  });

  describe('who may call each route (denials audited)', () => {
    const roles = () => ({ cw, cw2, sup, supOther, focal, lead, leadHn, analyst, auditor, admin });

    it('GET /cases/:caseId/follow-ups', async () => {
      const c = await registerCase(gt);
      const expected: Record<string, number> = {
        cw: 200,
        cw2: 403,
        sup: 200,
        supOther: 403,
        focal: 403,
        lead: 200,
        leadHn: 403,
        analyst: 403,
        auditor: 403,
        admin: 403,
      };
      for (const [name, actor] of Object.entries(roles())) {
        const before = await deniedCount(actor);
        const res = await t.request('GET', `/api/v1/cases/${c.id}/follow-ups`, { token: t.tokenFor(actor) });
        expect([name, res.status]).toEqual([name, expected[name]]);
        if (res.status === 403) expect(await deniedCount(actor)).toBe(before + 1);
      }
    });

    it('POST /cases/:caseId/follow-ups', async () => {
      const c = await registerCase(gt);
      const expected: Record<string, number> = {
        cw: 201,
        cw2: 403,
        sup: 201,
        supOther: 403,
        focal: 403,
        lead: 403,
        leadHn: 403,
        analyst: 403,
        auditor: 403,
        admin: 403,
      };
      for (const [name, actor] of Object.entries(roles())) {
        const before = await deniedCount(actor);
        const res = await post(`/api/v1/cases/${c.id}/follow-ups`, actor, {
          type: 'office',
          dueAt: days(REGISTERED, 3),
        });
        expect([name, res.status]).toEqual([name, expected[name]]);
        if (res.status === 403) expect(await deniedCount(actor)).toBe(before + 1);
      }
    });

    it.each(['complete', 'missed', 'cancel'])('POST /follow-ups/:id/%s', async (action) => {
      const c = await registerCase(gt);
      const writes = action === 'cancel' ? { cw: 200, sup: 200 } : { cw: 200, sup: 200, focal: 200 };
      for (const [name, actor] of Object.entries(roles())) {
        const f = await manual(c.id, name === 'focal' ? { responsibleAgencyId: health.id } : {});
        const before = await deniedCount(actor);
        const body =
          action === 'complete' ? { version: f.version, contactMade: true } : { version: f.version };
        const res = await post(`/api/v1/follow-ups/${f.id}/${action}`, actor, body);
        const want = (writes as Record<string, number>)[name] ?? 403;
        expect([name, res.status]).toEqual([name, want]);
        if (res.status === 403) {
          expect(await deniedCount(actor)).toBe(before + 1);
          const after = (await list(c.id)).find((x) => x.id === f.id);
          expect(after.status).toBe('scheduled');
        }
      }
    });

    it('GET /follow-ups/mine', async () => {
      const expected: Record<string, number> = {
        cw: 200,
        cw2: 200,
        sup: 200,
        supOther: 200,
        focal: 200,
        lead: 200,
        leadHn: 200,
        analyst: 403,
        auditor: 403,
        admin: 403,
      };
      for (const [name, actor] of Object.entries(roles())) {
        const before = await deniedCount(actor);
        const res = await t.request('GET', '/api/v1/follow-ups/mine', { token: t.tokenFor(actor) });
        expect([name, res.status]).toEqual([name, expected[name]]);
        if (res.status === 403) expect(await deniedCount(actor)).toBe(before + 1);
      }
    });

    it('without a token: 401 on every route', async () => {
      const id = '5f0c3a4e-8a1b-4b7e-9d7e-0e2a4c1b2d3f';
      for (const [method, url] of [
        ['GET', `/api/v1/cases/${id}/follow-ups`],
        ['POST', `/api/v1/cases/${id}/follow-ups`],
        ['GET', '/api/v1/follow-ups/mine'],
        ['POST', `/api/v1/follow-ups/${id}/complete`],
        ['POST', `/api/v1/follow-ups/${id}/missed`],
        ['POST', `/api/v1/follow-ups/${id}/cancel`],
      ])
        expect((await t.request(method, url)).status).toBe(401);
    });
  });

  describe('bad input', () => {
    const count = async () =>
      Number((await t.dataSource.query('SELECT count(*)::int AS n FROM follow_up'))[0].n);

    it('rejects a malformed manual follow-up field by field and writes nothing', async () => {
      const c = await registerCase(gt);
      const before = await count();
      const res = await post(`/api/v1/cases/${c.id}/follow-ups`, cw, {
        type: 'visit',
        dueAt: 'tomorrow',
        responsibleUserId: 'x',
        extra: 1,
      });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      const fields = res.body.errors.map((e: any) => `${e.field}:${e.code}`).sort();
      expect(fields).toEqual([
        'dueAt:isIso8601',
        'extra:whitelistValidation',
        'responsibleUserId:isUuid',
        'type:isIn',
      ]);
      const past = await post(`/api/v1/cases/${c.id}/follow-ups`, cw, {
        type: 'phone',
        dueAt: days(REGISTERED, -1),
      });
      expect(past.status).toBe(400);
      expect(past.body.errors).toEqual([expect.objectContaining({ field: 'dueAt', code: 'notInThePast' })]);
      const stranger = await post(`/api/v1/cases/${c.id}/follow-ups`, cw, {
        type: 'phone',
        dueAt: days(REGISTERED, 1),
        responsibleAgencyId: health.id,
        responsibleUserId: cw2.userId,
      });
      expect(stranger.status).toBe(422);
      expect(stranger.body.code).toBe('FOLLOW_UP_INVALID_RESPONSIBLE');
      expect(await count()).toBe(before);
    });

    it('rejects bad ids, unknown records, bad bodies and bad query strings', async () => {
      const unknown = '5f0c3a4e-8a1b-4b7e-9d7e-0e2a4c1b2d3f';
      expect(
        (await t.request('GET', '/api/v1/cases/nope/follow-ups', { token: t.tokenFor(cw) })).status,
      ).toBe(400);
      const nf = await t.request('GET', `/api/v1/cases/${unknown}/follow-ups`, { token: t.tokenFor(cw) });
      expect([nf.status, nf.body.code]).toEqual([404, 'FOLLOW_UP_CASE_NOT_FOUND']);
      const nf2 = await post(`/api/v1/follow-ups/${unknown}/complete`, cw, { version: 1, contactMade: true });
      expect([nf2.status, nf2.body.code]).toEqual([404, 'FOLLOW_UP_NOT_FOUND']);
      const c = await registerCase(gt);
      const f = await manual(c.id);
      const noVersion = await post(`/api/v1/follow-ups/${f.id}/complete`, cw, { contactMade: 'yes' });
      expect(noVersion.status).toBe(400);
      expect([...new Set(noVersion.body.errors.map((e: any) => e.field))].sort()).toEqual([
        'contactMade',
        'version',
      ]);
      const long = await post(`/api/v1/follow-ups/${f.id}/missed`, cw, {
        version: 1,
        outcomeNotes: 'x'.repeat(10001),
      });
      expect(long.status).toBe(400);
      for (const q of ['limit=0', 'limit=abc', 'cursor=zzz', 'dueBefore=soon', 'other=1']) {
        const res = await t.request('GET', `/api/v1/follow-ups/mine?${q}`, { token: t.tokenFor(cw) });
        expect([q, res.status]).toEqual([q, 400]);
      }
      const after = (await list(c.id)).find((x) => x.id === f.id);
      expect(after).toMatchObject({ status: 'scheduled', version: 1 });
    });
  });
});
