import { Role } from '../../src/common/role';
import { CASE_FIELDS } from '../../src/cases/case.fields';
import type { Agency } from '../../src/directory/agency.entity';
import { registerCase, registrationBody } from '../factories/case.factory';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { createTestApp, TestApp } from '../harness/test-app';

type Who =
  | 'caseworker'
  | 'otherCaseworker'
  | 'supervisor'
  | 'otherAgencySupervisor'
  | 'leadUnit'
  | 'otherCountryLeadUnit'
  | 'analyst'
  | 'auditor'
  | 'administrator'
  | 'focalPoint';
const EVERYONE: Who[] = [
  'caseworker',
  'otherCaseworker',
  'supervisor',
  'otherAgencySupervisor',
  'leadUnit',
  'otherCountryLeadUnit',
  'analyst',
  'auditor',
  'administrator',
  'focalPoint',
];
const TEAM: Who[] = ['caseworker', 'supervisor'];

const classOf = (keys: string[]) => [...new Set(keys.map((k) => CASE_FIELDS[k]).filter(Boolean))].sort();

describe('cases: authorization matrix and field classes', () => {
  let t: TestApp;
  let center: Agency;
  const who = {} as Record<Who, any>;
  let caseId: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-06-01T12:00:00Z');
    center = await makeAgency(t.dataSource);
    const otherCenter = await makeAgency(t.dataSource);
    const hn = await makeAgency(t.dataSource, { countryCode: 'HN', type: 'national_lead_unit' });
    const lead = await makeAgency(t.dataSource, { type: 'national_lead_unit' });
    const ngo = await makeAgency(t.dataSource, { type: 'ngo' });
    who.caseworker = await makeActor(t.dataSource, Role.Caseworker, center);
    who.otherCaseworker = await makeActor(t.dataSource, Role.Caseworker, center);
    who.supervisor = await makeActor(t.dataSource, Role.Supervisor, center);
    who.otherAgencySupervisor = await makeActor(t.dataSource, Role.Supervisor, otherCenter);
    who.leadUnit = await makeActor(t.dataSource, Role.LeadUnitOfficer, lead);
    who.otherCountryLeadUnit = await makeActor(t.dataSource, Role.LeadUnitOfficer, hn);
    who.analyst = await makeActor(t.dataSource, Role.RegionalAnalyst, lead);
    who.auditor = await makeActor(t.dataSource, Role.Auditor, lead);
    who.administrator = await makeActor(t.dataSource, Role.Administrator, lead);
    who.focalPoint = await makeActor(t.dataSource, Role.ReferralFocalPoint, ngo);

    const reg = await registerCase(t, who.caseworker, center.id);
    caseId = reg.case.id;
    const cw = { token: t.tokenFor(who.caseworker) };
    const sup = { token: t.tokenFor(who.supervisor) };
    const consent = await t.request('POST', `/api/v1/cases/${caseId}/consents`, {
      ...cw,
      body: {
        givenBy: 'child',
        purposes: ['education'],
        anyRecipientInCountry: true,
        dataCategories: ['case_summary'],
        givenAt: '2026-06-01T10:00:00Z',
      },
    });
    const assessment = await t.request('POST', `/api/v1/cases/${caseId}/assessments`, {
      ...cw,
      body: {
        type: 'initial',
        conductedAt: '2026-06-01T10:00:00Z',
        findings: [{ domain: 'safety', finding: 'x' }],
        riskRating: 'low',
      },
    });
    const plan = await t.request('POST', `/api/v1/cases/${caseId}/plans`, {
      ...cw,
      body: {
        goals: [
          {
            dimension: 'social',
            goal: 'Partida de nacimiento',
            actions: [{ description: 'Trámite', responsibleAgencyId: center.id, dueAt: '2026-07-01' }],
          },
        ],
      },
    });
    const bid = await t.request('POST', `/api/v1/cases/${caseId}/bids`, {
      ...cw,
      body: {
        trigger: 'separation_from_parents',
        panel: [
          { userId: who.caseworker.userId, panelRole: 'caseworker' },
          { userId: who.supervisor.userId, panelRole: 'chair' },
        ],
      },
    });
    for (const x of [consent, assessment, plan, bid]) expect(x.status).toBe(201);
    ids = { consent: consent.body.id, assessment: assessment.body.id, plan: plan.body.id, bid: bid.body.id };
    await t.request('POST', `/api/v1/cases/${caseId}/bids/${ids.bid}/undertaking`, {
      ...cw,
      body: { accept: true },
    });
    await t.request('POST', `/api/v1/cases/${caseId}/bids/${ids.bid}/undertaking`, {
      ...sup,
      body: { accept: true },
    });
  });
  afterAll(() => t.close());

  // Bodies are valid, so an allowed caller gets anything but 403 (a state conflict is fine here).
  const routes: [string, string, () => unknown, Who[]][] = [
    [
      'POST',
      '/api/v1/cases',
      () => registrationBody(center.id, {}, { firstNames: 'Otro', lastNames: `Niño ${Math.random()}` }),
      ['caseworker', 'otherCaseworker', 'supervisor', 'otherAgencySupervisor'],
    ],
    [
      'GET',
      '/api/v1/cases',
      () => undefined,
      [
        'caseworker',
        'otherCaseworker',
        'supervisor',
        'otherAgencySupervisor',
        'leadUnit',
        'otherCountryLeadUnit',
      ],
    ],
    ['GET', '/api/v1/cases/:id', () => undefined, [...TEAM, 'leadUnit']],
    ['PATCH', '/api/v1/cases/:id', () => ({ version: 1, immediateNeeds: ['food'] }), TEAM],
    [
      'POST',
      '/api/v1/cases/:id/assign',
      () => ({ version: 1, assignedUserId: who.caseworker.userId }),
      ['supervisor'],
    ],
    ['POST', '/api/v1/cases/:id/phase', () => ({ version: 1, to: 'assessment', reason: 'x' }), TEAM],
    ['GET', '/api/v1/cases/:id/phase-history', () => undefined, TEAM],
    ['POST', '/api/v1/cases/:id/closure', () => ({ version: 99, reason: 'declined' }), TEAM],
    [
      'POST',
      '/api/v1/cases/:id/closure/decision',
      () => ({ version: 99, decision: 'approve' }),
      ['supervisor'],
    ],
    ['POST', '/api/v1/cases/:id/reopen', () => ({ version: 99, reason: 'x' }), ['supervisor']],
    [
      'POST',
      '/api/v1/cases/:id/age-extension',
      () => ({ version: 99, reason: 'x', until: '2029-01-01' }),
      ['supervisor'],
    ],
    ['GET', '/api/v1/cases/:id/access-log', () => undefined, ['supervisor', 'auditor']],
    [
      'GET',
      '/api/v1/children/matches?firstNames=Jose&lastNames=Perez&nationality=GT',
      () => undefined,
      ['caseworker', 'otherCaseworker', 'supervisor', 'otherAgencySupervisor'],
    ],
    [
      'POST',
      '/api/v1/cases/:id/consents',
      () => ({
        givenBy: 'parent',
        purposes: ['education'],
        anyRecipientInCountry: true,
        dataCategories: ['case_summary'],
        givenAt: '2026-06-01T10:00:00Z',
      }),
      TEAM,
    ],
    ['GET', '/api/v1/cases/:id/consents', () => undefined, TEAM],
    ['POST', '/api/v1/cases/:id/consents/:consent/withdraw', () => ({}), TEAM],
    [
      'POST',
      '/api/v1/cases/:id/assessments',
      () => ({
        type: 'psychosocial',
        conductedAt: '2026-06-01T10:00:00Z',
        findings: [{ domain: 'psychosocial', finding: 'x' }],
        riskRating: 'low',
      }),
      TEAM,
    ],
    ['GET', '/api/v1/cases/:id/assessments', () => undefined, TEAM],
    [
      'PATCH',
      '/api/v1/cases/:id/assessments/:assessment',
      () => ({ version: 99, findings: [{ domain: 'safety', finding: 'y' }], riskRating: 'low' }),
      TEAM,
    ],
    ['POST', '/api/v1/cases/:id/assessments/:assessment/submit', () => ({ version: 99 }), TEAM],
    [
      'POST',
      '/api/v1/cases/:id/assessments/:assessment/review',
      () => ({ version: 99, decision: 'approve' }),
      ['supervisor'],
    ],
    [
      'POST',
      '/api/v1/cases/:id/plans',
      () => ({
        goals: [
          {
            dimension: 'social',
            goal: 'g',
            actions: [{ description: 'd', responsibleAgencyId: center.id, dueAt: '2026-07-01' }],
          },
        ],
      }),
      TEAM,
    ],
    ['GET', '/api/v1/cases/:id/plans', () => undefined, TEAM],
    [
      'PATCH',
      '/api/v1/cases/:id/plans/:plan',
      () => ({
        version: 99,
        goals: [
          {
            dimension: 'social',
            goal: 'g',
            actions: [{ description: 'd', responsibleAgencyId: center.id, dueAt: '2026-07-01' }],
          },
        ],
      }),
      TEAM,
    ],
    ['POST', '/api/v1/cases/:id/plans/:plan/submit', () => ({ version: 99 }), TEAM],
    [
      'POST',
      '/api/v1/cases/:id/plans/:plan/review',
      () => ({ version: 99, decision: 'approve' }),
      ['supervisor'],
    ],
    [
      'POST',
      '/api/v1/cases/:id/interviews',
      () => ({
        conductedAt: '2026-06-01T10:00:00Z',
        purpose: 'p',
        topics: ['plans_and_wishes'],
        repeatReason: 'seguimiento',
      }),
      TEAM,
    ],
    ['GET', '/api/v1/cases/:id/interviews', () => undefined, TEAM],
    [
      'POST',
      '/api/v1/cases/:id/bids',
      () => ({
        trigger: 'durable_solution',
        panel: [
          { userId: who.caseworker.userId, panelRole: 'a' },
          { userId: who.supervisor.userId, panelRole: 'b' },
        ],
      }),
      TEAM,
    ],
    ['GET', '/api/v1/cases/:id/bids/:bid', () => undefined, TEAM],
    ['POST', '/api/v1/cases/:id/bids/:bid/undertaking', () => ({ accept: true }), TEAM],
    [
      'POST',
      '/api/v1/cases/:id/bids/:bid/decision',
      () => ({ version: 99, decision: 'd', reasons: 'r', genderDiversityPerspective: 'g' }),
      TEAM,
    ],
    [
      'POST',
      '/api/v1/cases/:id/bids/:bid/review',
      () => ({ version: 99, outcome: 'confirm', reason: 'r' }),
      ['supervisor'],
    ],
  ];

  const denials = async (userId: string) =>
    (
      await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_entry WHERE actor_user_id = $1 AND outcome = 'denied'`,
        [userId],
      )
    )[0].n as number;

  it.each(routes)(
    '%s %s: allowed for exactly its roles, every denial audited',
    async (method, path, body, allowed) => {
      const url = path
        .replace(':id', caseId)
        .replace(':consent', ids.consent)
        .replace(':assessment', ids.assessment)
        .replace(':plan', ids.plan)
        .replace(':bid', ids.bid);
      for (const w of EVERYONE) {
        const before = await denials(who[w].userId);
        const res = await t.request(method, url, { token: t.tokenFor(who[w]), body: body() });
        const label = `${w} ${method} ${path} -> ${res.status} ${res.body?.code ?? ''}`;
        if (allowed.includes(w)) {
          expect(label).not.toMatch(/ -> (403|5\d\d)/);
        } else {
          expect(label).toMatch(/ -> 403/);
          expect(await denials(who[w].userId)).toBe(before + 1);
        }
      }
    },
  );

  it('returns every field class to the case team and only operational fields to the lead unit', async () => {
    for (const w of TEAM) {
      const res = await t.request('GET', `/api/v1/cases/${caseId}`, { token: t.tokenFor(who[w]) });
      expect(classOf(Object.keys(res.body))).toEqual(['identifying', 'operational', 'sensitive']);
      expect(res.body.firstNames).toBe('José María');
      expect(res.body.genderIdentity).toBe('masculino');
    }
    for (const w of ['leadUnit'] as Who[]) {
      const res = await t.request('GET', `/api/v1/cases/${caseId}`, { token: t.tokenFor(who[w]) });
      expect(res.status).toBe(200);
      expect(classOf(Object.keys(res.body))).toEqual(['operational']);
      for (const k of [
        'firstNames',
        'dateOfBirth',
        'documents',
        'familyContacts',
        'genderIdentity',
        'disability',
        'protectionConcerns',
      ])
        expect(res.body).not.toHaveProperty(k);
      expect(res.body).toMatchObject({
        caseNumber: expect.any(String),
        ageBand: '15-17',
        sex: 'male',
        nationality: 'GT',
      });
      const list = await t.request('GET', '/api/v1/cases', { token: t.tokenFor(who[w]) });
      expect(list.body.items.length).toBeGreaterThan(0);
      for (const item of list.body.items) expect(classOf(Object.keys(item))).toEqual(['operational']);
    }
    // Each read is in the access log with the classes it returned.
    const log = await t.request('GET', `/api/v1/cases/${caseId}/access-log?limit=100`, {
      token: t.tokenFor(who.supervisor),
    });
    const reads = log.body.items.filter((e: any) => e.action === 'case.read');
    expect(reads.find((e: any) => e.actorRole === 'lead_unit_officer').fields).toEqual(['operational']);
    expect(reads.find((e: any) => e.actorRole === 'caseworker').fields).toEqual([
      'identifying',
      'operational',
      'sensitive',
    ]);
    expect(log.body.items.some((e: any) => e.outcome === 'denied' && e.actorRole === 'administrator')).toBe(
      true,
    );
  });

  it('filters the list in SQL by scope, with filters and keyset pages', async () => {
    // More cases: two for the other caseworker (supervisor assigns), one at the other agency.
    const sup = who.supervisor;
    for (const name of ['Ana', 'Berta'])
      await registerCase(
        t,
        sup,
        center.id,
        { assignedUserId: who.otherCaseworker.userId, riskLevel: 'high' },
        { firstNames: name, lastNames: 'Tzoc' },
      );
    const foreign = await makeAgency(t.dataSource);
    const foreignCw = await makeActor(t.dataSource, Role.Caseworker, foreign);
    await registerCase(t, foreignCw, foreign.id, {}, { firstNames: 'Carla', lastNames: 'Quiej' });

    const all = async (w: Who, query = '') => {
      const out: any[] = [];
      let cursor: string | null = null;
      do {
        const qs: string = `?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await t.request('GET', `/api/v1/cases${qs}`, { token: t.tokenFor(who[w]) });
        expect(res.status).toBe(200);
        out.push(...res.body.items);
        cursor = res.body.nextCursor;
      } while (cursor);
      return out;
    };
    const total = (await t.dataSource.query('SELECT count(*)::int AS n FROM case_file'))[0].n;
    const mine = await all('caseworker');
    expect(mine.every((c) => c.assignedUserId === who.caseworker.userId)).toBe(true);
    const theirs = await all('otherCaseworker');
    expect(theirs.every((c) => c.assignedUserId === who.otherCaseworker.userId)).toBe(true);
    expect(theirs.map((c) => c.firstNames)).toEqual(expect.arrayContaining(['Ana', 'Berta']));
    const agency = await all('supervisor');
    expect(agency.every((c) => c.agencyId === center.id)).toBe(true);
    const inAgency = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM case_file WHERE agency_id = $1',
      [center.id],
    );
    expect(agency.length).toBe(inAgency[0].n);
    expect(agency.length).toBeLessThan(total);
    expect(new Set(agency.map((c) => c.id)).size).toBe(agency.length);
    expect(await all('otherCountryLeadUnit')).toEqual([]);
    expect((await all('supervisor', '&riskLevel=high')).map((c) => c.firstNames).sort()).toEqual([
      'Ana',
      'Berta',
    ]);
    expect(await all('supervisor', `&agencyId=${foreign.id}`)).toEqual([]);
    expect(await all('supervisor', '&openedFrom=2030-01-01T00:00:00Z')).toEqual([]);
    // High risk: initial assessment due in 24 h; two days later those two are overdue.
    t.clock.set('2026-06-03T13:00:00Z');
    const overdue = await all('supervisor', '&overdue=true');
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    expect(overdue.every((c) => c.overdue === true && c.assessmentDueExplain)).toBe(true);
    expect((await all('supervisor', '&overdue=false')).every((c) => c.overdue === false)).toBe(true);
    t.clock.set('2026-06-01T12:00:00Z');
  });

  it('gives regional analysts aggregates only: no case list, no case row, the regional aggregates still answer', async () => {
    const as = { token: t.tokenFor(who.analyst) };
    const before = await denials(who.analyst.userId);
    const list = await t.request('GET', '/api/v1/cases', as);
    expect(list.status).toBe(403);
    expect(list.headers['content-type']).toMatch(/problem\+json/);
    expect(list.body).not.toHaveProperty('items');
    expect((await t.request('GET', `/api/v1/cases/${caseId}`, as)).status).toBe(403);
    expect(await denials(who.analyst.userId)).toBe(before + 2);
    const regional = await t.request('GET', '/api/v1/monitoring/regional/open-cases?countries=GT,HN', as);
    expect(regional.status).toBe(200);
  });

  it('lets a supervisor reassign within the agency only', async () => {
    const sup = { token: t.tokenFor(who.supervisor) };
    const current = await t.request('GET', `/api/v1/cases/${caseId}`, sup);
    const outsider = await t.request('POST', `/api/v1/cases/${caseId}/assign`, {
      ...sup,
      body: { version: current.body.version, assignedUserId: who.otherAgencySupervisor.userId },
    });
    expect(outsider.body.code).toBe('ASSIGNEE_NOT_ELIGIBLE');
    const res = await t.request('POST', `/api/v1/cases/${caseId}/assign`, {
      ...sup,
      body: { version: current.body.version, assignedUserId: who.otherCaseworker.userId },
    });
    expect(res.status).toBe(200);
    expect(res.body.assignedUserId).toBe(who.otherCaseworker.userId);
    expect(
      (await t.request('GET', `/api/v1/cases/${caseId}`, { token: t.tokenFor(who.caseworker) })).status,
    ).toBe(403);
    expect(
      (await t.request('GET', `/api/v1/cases/${caseId}`, { token: t.tokenFor(who.otherCaseworker) })).status,
    ).toBe(200);
  });
});
