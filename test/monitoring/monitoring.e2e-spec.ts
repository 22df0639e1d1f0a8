import type { Actor } from '../../src/common/actor';
import { Role } from '../../src/common/role';
import { CLOSURE_REASONS } from '../../src/cases/case-closure.entity';
import { CaseFile } from '../../src/cases/case-file.entity';
import type { Child } from '../../src/cases/child.entity';
import type { Agency } from '../../src/directory/agency.entity';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { makeCase, makeCases, makeChild } from '../factories/cases.factory';
import { makeFollowUp, makeInterviews, makeReferral } from '../factories/monitoring-rows.factory';
import { createTestApp, TestApp } from '../harness/test-app';

const NOW = '2026-09-01T12:00:00Z';
const d = (s: string) => new Date(s);
const hours = (base: string, h: number) => new Date(d(base).getTime() + h * 3_600_000);

/** Names of identifying or sensitive fields that must never appear in a monitoring response. */
const FORBIDDEN_FIELDS = [
  'firstNames',
  'first_names',
  'lastNames',
  'last_names',
  'dateOfBirth',
  'date_of_birth',
  'genderIdentity',
  'gender_identity',
  'disability',
  'documents',
  'familyContacts',
  'family_contacts',
  'searchName',
  'outcomeNotes',
  'outcome_notes',
  'snapshot',
  'answers',
  'topics',
  'childId',
  'child_id',
];
/** Values inserted as identifying or sensitive data. */
const FORBIDDEN_VALUES = ['2011-03-15', 'DOC', 'Madre', '+502', 'sensitive-', 'violence', 'passport'];

describe('monitoring (national)', () => {
  let t: TestApp;
  let gtA: Agency;
  let gtB: Agency;
  let hnA: Agency;
  const actors: Record<string, Actor> = {};
  const tok = (who: string) => t.tokenFor(actors[who]);
  const children: Child[] = [];
  const bodies: { url: string; text: string }[] = [];

  const get = async (who: string, url: string, headers?: Record<string, string>) => {
    const res = await t.request('GET', url, { token: tok(who), headers });
    bodies.push({ url, text: typeof res.body === 'string' ? res.body : JSON.stringify(res.body) });
    return res;
  };

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(NOW);
    const ds = t.dataSource;
    gtA = await makeAgency(ds, { countryCode: 'GT', name: 'Centro de Recepción Ciudad de Guatemala' });
    gtB = await makeAgency(ds, { countryCode: 'GT', name: 'PGN Quetzaltenango' });
    hnA = await makeAgency(ds, { countryCode: 'HN', name: 'DINAF Tegucigalpa' });
    const leadGT = await makeAgency(ds, {
      countryCode: 'GT',
      type: 'national_lead_unit',
      name: 'Unidad rectora GT',
    });
    const region = await makeAgency(ds, {
      countryCode: 'SV',
      type: 'international_organization',
      name: 'Red CRM',
    });
    actors.lead = await makeActor(ds, Role.LeadUnitOfficer, leadGT);
    actors.leadHN = await makeActor(ds, Role.LeadUnitOfficer, hnA);
    actors.supA = await makeActor(ds, Role.Supervisor, gtA);
    actors.analyst = await makeActor(ds, Role.RegionalAnalyst, region);
    actors.caseworker = await makeActor(ds, Role.Caseworker, gtA);
    actors.focal = await makeActor(ds, Role.ReferralFocalPoint, gtA);
    actors.auditor = await makeActor(ds, Role.Auditor, leadGT);
    actors.admin = await makeActor(ds, Role.Administrator, leadGT);

    const child = async () => {
      const c = await makeChild(ds);
      children.push(c);
      return c;
    };
    const open = async (
      agency: Agency,
      n: number,
      phase: string,
      riskLevel: string,
      openedAt = '2026-03-01',
    ) => {
      const out: CaseFile[] = [];
      for (let i = 0; i < n; i++)
        out.push(
          await makeCase(ds, agency, { phase, riskLevel, openedAt: d(openedAt), child: await child() }),
        );
      return out;
    };
    const a1 = await open(gtA, 3, 'assessment', 'high', '2026-02-10');
    const a2 = await open(gtA, 2, 'case_plan', 'medium', '2026-04-10');
    const a3 = await open(gtA, 1, 'follow_up', 'low', '2026-06-10');
    const b1 = await open(gtB, 4, 'registration', 'high', '2026-08-10');
    const h1 = await open(hnA, 5, 'implementation', 'medium');
    await makeCases(ds, 2, gtA, {
      status: 'closed',
      closedAt: d('2026-05-10'),
      closureReason: 'goals_met',
    });
    await makeCase(ds, gtA, {
      status: 'closed',
      closedAt: d('2026-06-10'),
      closureReason: 'lost_contact',
    });
    await makeCase(ds, gtB, {
      status: 'closed',
      closedAt: d('2026-07-10'),
      closureReason: 're_migrated',
    });
    await makeCase(ds, hnA, {
      status: 'closed',
      closedAt: d('2026-07-10'),
      closureReason: 'goals_met',
    });

    // Follow-ups: four overdue in GT (one per level and age bucket), one not yet due, one done.
    await makeFollowUp(ds, a1[0], {
      dueAt: d('2026-08-30T12:00:00Z'),
      overdueSince: d('2026-08-31'),
      escalationLevel: 1,
    });
    await makeFollowUp(ds, a1[1], {
      dueAt: d('2026-08-01T12:00:00Z'),
      overdueSince: d('2026-08-02'),
      escalationLevel: 2,
    });
    await makeFollowUp(ds, a1[2], {
      dueAt: d('2026-05-01T12:00:00Z'),
      overdueSince: d('2026-05-02'),
      escalationLevel: 3,
    });
    // Past due but not yet escalated (the scan has not flagged it).
    await makeFollowUp(ds, b1[0], { dueAt: d('2026-08-20T12:00:00Z'), escalationLevel: 0 });
    await makeFollowUp(ds, a2[0], { dueAt: d('2026-09-10T12:00:00Z') });
    await makeFollowUp(ds, a2[1], {
      status: 'completed',
      dueAt: d('2026-07-01'),
      overdueSince: d('2026-07-02'),
    });
    await makeFollowUp(ds, h1[0], {
      dueAt: d('2026-08-01T12:00:00Z'),
      overdueSince: d('2026-08-02'),
      escalationLevel: 2,
    });

    // Referrals from GT A: two accepted (10 h and 30 h), one rejected, one overdue, one pending.
    const base = '2026-08-01T00:00:00Z';
    await makeReferral(ds, a1[0], {
      recipientAgencyId: gtB.id,
      status: 'accepted',
      dispatchedAt: d(base),
      acceptedAt: hours(base, 10),
      responseDueAt: hours(base, 72),
    });
    await makeReferral(ds, a1[1], {
      recipientAgencyId: gtB.id,
      status: 'in_progress',
      dispatchedAt: d(base),
      acceptedAt: hours(base, 30),
      responseDueAt: hours(base, 72),
    });
    await makeReferral(ds, a1[2], {
      recipientAgencyId: gtB.id,
      status: 'rejected',
      dispatchedAt: d(base),
      respondedAt: hours(base, 5),
      responseDueAt: hours(base, 72),
    });
    await makeReferral(ds, a2[0], {
      recipientAgencyId: gtB.id,
      status: 'delivered',
      dispatchedAt: d('2026-08-10'),
      responseDueAt: d('2026-08-20'),
    });
    await makeReferral(ds, a2[1], {
      recipientAgencyId: gtB.id,
      status: 'delivered',
      dispatchedAt: d('2026-08-30'),
      responseDueAt: d('2026-09-09'),
    });
    // Delivery failed and past its deadline: still unanswered, so overdue (sent by GT B).
    await makeReferral(ds, b1[1], {
      recipientAgencyId: gtA.id,
      status: 'delivery_failed',
      dispatchedAt: d('2026-08-05'),
      responseDueAt: d('2026-08-15'),
    });
    await makeReferral(ds, h1[0], {
      recipientAgencyId: hnA.id,
      status: 'accepted',
      dispatchedAt: d(base),
      acceptedAt: hours(base, 2),
      responseDueAt: hours(base, 72),
    });

    // Interviews: one child once, one three times, one five times (GT); one HN child twice.
    await makeInterviews(ds, a1[0], [d('2026-02-11')]);
    await makeInterviews(ds, a1[1], [d('2026-02-11'), d('2026-02-20'), d('2026-03-01')]);
    await makeInterviews(
      ds,
      a3[0],
      [1, 2, 3, 4, 5].map((m) => d(`2026-0${m + 1}-15`)),
    );
    await makeInterviews(ds, h1[0], [d('2026-03-01'), d('2026-03-05')]);

    // Indicator measurements through the API (supervisor of GT A).
    const rec = (c: CaseFile, measuredAt: string, answers: Record<string, string>) =>
      t.request('POST', `/api/v1/cases/${c.id}/indicators`, {
        token: tok('supA'),
        body: { measuredAt, checkpoint: '3mo', answers },
      });
    expect(
      (await rec(a1[0], '2026-03-15T00:00:00Z', { feels_safe: '2', identity_documents: 'no' })).status,
    ).toBe(201);
    expect(
      (await rec(a1[1], '2026-03-20T00:00:00Z', { feels_safe: '4', identity_documents: 'yes' })).status,
    ).toBe(201);
    expect(
      (await rec(a1[0], '2026-06-15T00:00:00Z', { feels_safe: '4', identity_documents: 'yes' })).status,
    ).toBe(201);
  }, 60000);
  afterAll(() => t.close());

  it('gives the lead unit its country: open cases by phase, risk and agency', async () => {
    const res = await get('lead', '/api/v1/monitoring/open-cases');
    expect(res.status).toBe(200);
    const [byPhase, byRisk, byAgency] = res.body.tables;
    expect(byPhase.rows).toEqual([
      {
        country: 'GT',
        cells: { registration: 4, assessment: 3, case_plan: 2, implementation: 0, follow_up: 1 },
        total: 10,
      },
    ]);
    expect(byRisk.rows[0].cells).toEqual({ high: 7, medium: 2, low: 1 });
    expect(byAgency.rows[0].cells).toEqual({ [gtA.id]: 6, [gtB.id]: 4 });
    expect(res.body.labels.agencies).toEqual({ [gtA.id]: gtA.name, [gtB.id]: gtB.name });
    expect(res.body.suppression).toBeUndefined();
  });

  it('filters by period (opening date) and by agency', async () => {
    const res = await get(
      'lead',
      `/api/v1/monitoring/open-cases?from=2026-04-01&to=2026-07-01&agencyId=${gtA.id}`,
    );
    expect(res.body.tables[0].rows[0].cells).toMatchObject({ case_plan: 2, follow_up: 1, assessment: 0 });
    expect(res.body.scope).toMatchObject({ agencyId: gtA.id, from: '2026-04-01T00:00:00.000Z' });
  });

  it('limits a supervisor to the own agency', async () => {
    const res = await get('supA', '/api/v1/monitoring/open-cases');
    expect(res.body.tables[0].rows[0].total).toBe(6);
    const other = await get('supA', `/api/v1/monitoring/open-cases?agencyId=${gtB.id}`);
    expect(other.status).toBe(403);
  });

  it('counts overdue follow-ups by escalation level and days overdue', async () => {
    const res = await get('lead', '/api/v1/monitoring/overdue-follow-ups');
    expect(res.status).toBe(200);
    const [byLevel, byAge] = res.body.tables;
    expect(byLevel.rows[0].cells).toEqual({ '0': 1, '1': 1, '2': 1, '3': 1 });
    expect(byAge.rows[0].cells).toEqual({ '0-7': 1, '8-30': 1, '31-90': 1, '>90': 1 });
    const items = await get('lead', '/api/v1/monitoring/overdue-follow-ups/items?ageBucket=%3E90');
    expect(items.body.items).toHaveLength(1);
    expect(items.body.items[0]).toMatchObject({ escalationLevel: 3, daysOverdue: 123, ageBand: '15-17' });
  });

  it('reports referrals by status, overdue, acceptance rate and median time to accept', async () => {
    const res = await get('lead', '/api/v1/monitoring/referrals?from=2026-07-01&to=2026-09-01');
    const [byStatus, overdue] = res.body.tables;
    expect(byStatus.rows[0].cells).toMatchObject({ accepted: 1, in_progress: 1, rejected: 1, delivered: 2 });
    expect(byStatus.rows[0].cells).toMatchObject({ delivery_failed: 1 });
    expect(overdue.rows[0].cells).toEqual({ count: 2 });
    expect(res.body.stats).toEqual([
      { country: 'GT', withheld: false, values: { acceptanceRate: 0.667, medianHoursToAccept: 20 } },
    ]);
    const items = await get('lead', '/api/v1/monitoring/referrals/items?overdue=true');
    expect(
      items.body.items.map((i: { status: string; overdue: boolean }) => [i.status, i.overdue]).sort(),
    ).toEqual([
      ['delivered', true],
      ['delivery_failed', true],
    ]);
  });

  it('reports closures by reason and month', async () => {
    const res = await get('lead', '/api/v1/monitoring/closures?from=2026-01-01&to=2026-09-01');
    const [byReason, byMonth] = res.body.tables;
    expect(byReason.rows[0].cells).toMatchObject({ goals_met: 2, lost_contact: 1, re_migrated: 1, death: 0 });
    expect(byMonth.rows[0].cells).toEqual({ '2026-05': 2, '2026-06': 1, '2026-07': 1 });
  });

  it('reports interviews per child', async () => {
    const res = await get('lead', '/api/v1/monitoring/interviews?from=2026-01-01&to=2026-09-01');
    expect(res.body.tables[0].rows[0].cells).toEqual({ '1': 1, '2': 0, '3': 1, '4+': 1 });
    expect(res.body.stats[0].values).toEqual({ meanInterviewsPerChild: 3 });
  });

  it('reports indicator scores per dimension per month', async () => {
    const res = await get('lead', '/api/v1/monitoring/indicator-scores?from=2026-01-01&to=2026-09-01');
    const row = res.body.tables[0].rows[0];
    expect(row.cells).toEqual({ '2026-03': 2, '2026-06': 1 });
    expect(row.values['2026-03']).toEqual({ social: 50, psychosocial: 75, overall: 62.5 });
    expect(row.values['2026-06']).toEqual({ social: 100, psychosocial: 100, overall: 100 });
  });

  it('answers every metric at once in the overview', async () => {
    const res = await get('lead', '/api/v1/monitoring/overview');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.metrics).sort()).toEqual(
      ['closures', 'indicator-scores', 'interviews', 'open-cases', 'overdue-follow-ups', 'referrals'].sort(),
    );
    expect(res.body.metrics['open-cases'].tables[0].rows[0].total).toBe(10);
  });

  it('pages drill-down lists by keyset with operational fields only', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const res = await get('lead', `/api/v1/monitoring/open-cases/items?limit=3${q}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((i: any) => i.caseNumber));
      for (const item of res.body.items)
        expect(Object.keys(item).sort()).toEqual(
          [
            'ageBand',
            'agencyId',
            'agencyName',
            'caseNumber',
            'closedAt',
            'closureReason',
            'countryCode',
            'nationality',
            'openedAt',
            'phase',
            'returnedAt',
            'riskLevel',
            'sex',
            'status',
          ].sort(),
        );
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(10);
    const high = await get('lead', '/api/v1/monitoring/open-cases/items?phase=registration&risk=high');
    expect(high.body.items).toHaveLength(4);
    expect(high.body.items.every((i: any) => i.agencyId === gtB.id)).toBe(true);
    const closed = await get('lead', '/api/v1/monitoring/closures/items?reason=lost_contact&from=2026-01-01');
    expect(closed.body.items).toHaveLength(1);
  });

  it('never returns an identifying or sensitive field or value, on any route', async () => {
    for (const url of [
      '/api/v1/monitoring/overview?from=2025-01-01&to=2026-09-01',
      '/api/v1/monitoring/open-cases.csv',
      '/api/v1/monitoring/referrals/items',
      '/api/v1/monitoring/overdue-follow-ups/items',
      '/api/v1/monitoring/closures/items',
      '/api/v1/monitoring/open-cases/items.csv',
      '/api/v1/monitoring/interviews.csv',
      '/api/v1/monitoring/indicator-scores.csv',
    ])
      expect((await get('lead', url)).status).toBe(200);
    expect((await get('analyst', '/api/v1/monitoring/regional/overview')).status).toBe(200);
    expect(bodies.length).toBeGreaterThan(15);
    const names = children.flatMap((c) => [c.firstNames, c.lastNames]);
    for (const { url, text } of bodies) {
      for (const f of FORBIDDEN_FIELDS)
        expect({ url, leaked: text.includes(`"${f}"`) }).toEqual({ url, leaked: false });
      for (const v of [...FORBIDDEN_VALUES, ...names])
        expect({ url, leaked: text.includes(v) && v }).toEqual({ url, leaked: false });
    }
  });

  it('audits every monitoring query without personal data', async () => {
    const rows = await t.dataSource.query(
      `SELECT action, subject_id, fields, purpose FROM audit_entry WHERE action = 'monitoring.read' AND actor_user_id = $1`,
      [actors.lead.userId],
    );
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.map((r: any) => r.subject_id)).toEqual(
      expect.arrayContaining(['overview', 'open-cases', 'open-cases/items']),
    );
    for (const r of rows) expect(r.purpose).toBe('monitoring');
  });

  it('rejects bad input with field details', async () => {
    const bad = await get('lead', '/api/v1/monitoring/closures?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'from', code: 'isDateString' });
    const reversed = await get('lead', '/api/v1/monitoring/closures?from=2026-06-01&to=2026-01-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors[0]).toMatchObject({ field: 'from', code: 'fromAfterTo' });
    const unknownAgency = await get(
      'lead',
      '/api/v1/monitoring/open-cases?agencyId=7d0f3c1e-0000-4000-8000-000000000000',
    );
    expect(unknownAgency.status).toBe(400);
    expect(unknownAgency.body.errors[0]).toMatchObject({ field: 'agencyId', code: 'unknownAgency' });
    expect((await get('lead', '/api/v1/monitoring/open-cases?agencyId=nope')).status).toBe(400);
    expect(
      (await get('lead', '/api/v1/monitoring/open-cases/items?phase=flying')).body.errors[0],
    ).toMatchObject({
      field: 'phase',
      code: 'isIn',
    });
    expect((await get('lead', '/api/v1/monitoring/open-cases/items?limit=0')).status).toBe(400);
    expect((await get('lead', '/api/v1/monitoring/open-cases/items?status=open')).status).toBe(400);
    expect((await get('lead', '/api/v1/monitoring/open-cases?color=red')).status).toBe(400);
    expect((await get('lead', '/api/v1/monitoring/weather')).body.code).toBe('METRIC_NOT_FOUND');
    expect((await get('lead', '/api/v1/monitoring/interviews/items')).body.code).toBe('NO_DRILL_DOWN');
  });

  it('keeps each lead unit to its own country (other countries: 403, audited)', async () => {
    const hn = await get('leadHN', '/api/v1/monitoring/open-cases');
    expect(hn.body.tables[0].rows).toEqual([
      { country: 'HN', cells: expect.objectContaining({ implementation: 5 }), total: 5 },
    ]);
    const denied = await get('lead', `/api/v1/monitoring/open-cases?agencyId=${hnA.id}`);
    expect(denied.status).toBe(403);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'monitoring.read' AND outcome = 'denied' AND actor_user_id = $1`,
      [actors.lead.userId],
    );
    expect(n).toBeGreaterThanOrEqual(1);
  });

  describe('role x route matrix', () => {
    const routes = [
      ['GET', '/api/v1/monitoring/overview', 'national'],
      ['GET', '/api/v1/monitoring/open-cases', 'national'],
      ['GET', '/api/v1/monitoring/referrals/items', 'national'],
      ['GET', '/api/v1/monitoring/closures.csv', 'national'],
      ['GET', '/api/v1/monitoring/regional/overview', 'regional'],
      ['GET', '/api/v1/monitoring/regional/open-cases.csv', 'regional'],
    ] as const;
    const allowed: Record<string, string[]> = {
      lead: ['national'],
      supA: ['national'],
      analyst: ['regional'],
      caseworker: [],
      focal: [],
      auditor: [],
      admin: [],
    };
    it.each(Object.keys(allowed))('%s gets exactly its views; every denial is audited', async (who) => {
      for (const [method, url, view] of routes) {
        const deniedBefore = await deniedCount(actors[who].userId);
        const res = await t.request(method, url, { token: tok(who) });
        if (allowed[who].includes(view)) expect({ url, status: res.status }).toEqual({ url, status: 200 });
        else {
          expect({ url, status: res.status }).toEqual({ url, status: 403 });
          expect(await deniedCount(actors[who].userId)).toBe(deniedBefore + 1);
        }
      }
      const exp = await t.request('POST', '/api/v1/monitoring/exports', {
        token: tok(who),
        body: { metric: 'open-cases' },
      });
      expect(exp.status).toBe(allowed[who].includes('national') ? 202 : 403);
    });
    it('refuses requests without a token', async () => {
      expect((await t.request('GET', '/api/v1/monitoring/overview')).status).toBe(401);
    });
  });

  describe('rolled-up counts', () => {
    it('stay exact when cases change, and match the live count over any period', async () => {
      const repo = t.dataSource.getRepository(CaseFile);
      const [c1, c2] = await repo.find({ where: { agencyId: gtB.id, status: 'open' }, take: 2 });
      c1.phase = 'assessment';
      await repo.save(c1);
      Object.assign(c2, {
        status: 'closed',
        phase: 'closed',
        closedAt: d('2026-08-15'),
        closureReason: 'transferred',
      });
      await repo.save(c2);
      await makeCase(t.dataSource, gtB, {
        phase: 'registration',
        riskLevel: 'low',
        openedAt: d('2026-08-20'),
      });

      // Whole months come from the rollup, any other period from case_file: both must agree.
      const rolled = await get('lead', '/api/v1/monitoring/open-cases');
      const live = await get('lead', '/api/v1/monitoring/open-cases?from=2000-01-01T00:00:01Z');
      expect(rolled.body.tables).toEqual(live.body.tables);
      expect(rolled.body.tables[0].rows[0].cells).toMatchObject({ registration: 3, assessment: 4 });
      const closuresRolled = await get('lead', '/api/v1/monitoring/closures?from=2026-01-01&to=2026-09-01');
      const closuresLive = await get(
        'lead',
        '/api/v1/monitoring/closures?from=2026-01-01T00:00:01Z&to=2026-09-01',
      );
      expect(closuresRolled.body.tables).toEqual(closuresLive.body.tables);
      expect(closuresRolled.body.tables[0].rows[0].cells).toMatchObject({ transferred: 1, goals_met: 2 });
      const scoresRolled = await get(
        'lead',
        '/api/v1/monitoring/indicator-scores?from=2026-01-01&to=2026-09-01',
      );
      const scoresLive = await get(
        'lead',
        '/api/v1/monitoring/indicator-scores?from=2026-01-01T00:00:01Z&to=2026-09-01',
      );
      expect(scoresRolled.body.tables).toEqual(scoresLive.body.tables);
      expect(scoresRolled.body.stats).toEqual(scoresLive.body.stats);
    });
  });

  it('counts closures in the vocabulary the close request accepts (turned_of_age, no turned_18)', async () => {
    await makeCase(t.dataSource, gtB, {
      status: 'closed',
      closedAt: d('2026-08-20'),
      closureReason: 'turned_of_age',
    });
    for (const to of ['2026-09-01', '2026-08-31T23:59:59Z']) {
      const res = await get('lead', `/api/v1/monitoring/closures?from=2026-01-01&to=${to}`);
      const byReason = res.body.tables[0];
      expect(byReason.columns).toEqual([...CLOSURE_REASONS]);
      expect(byReason.rows[0].cells.turned_of_age).toBe(1);
      expect(byReason.rows[0].cells).not.toHaveProperty('turned_18');
    }
  });

  async function deniedCount(userId: string): Promise<number> {
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE outcome = 'denied' AND actor_user_id = $1`,
      [userId],
    );
    return n;
  }
});
