import { Role } from '../../src/common/role';
import type { Agency } from '../../src/directory/agency.entity';
import { registerCase, registrationBody } from '../factories/case.factory';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { createTestApp, TestApp } from '../harness/test-app';

const TABLES = [
  'child',
  'case_file',
  'reception_event',
  'duplicate_decision',
  'consent',
  'assessment',
  'case_plan',
  'interview',
  'best_interests_determination',
  'bid_panel_member',
  'case_phase_change',
  'case_closure',
  'case_number_counter',
  'audit_entry',
];

describe('cases: bad input is a clear 4xx and writes nothing', () => {
  let t: TestApp;
  let center: Agency;
  let cw: any;
  let sup: any;
  let caseId: string;
  const ids: Record<string, string> = {};

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of TABLES)
      out[table] = (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
    // The counter's value changes even when the row count does not.
    out.counterSum = (
      await t.dataSource.query('SELECT coalesce(sum(last_value), 0)::int AS n FROM case_number_counter')
    )[0].n;
    return out;
  };

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-06-01T12:00:00Z');
    center = await makeAgency(t.dataSource);
    cw = await makeActor(t.dataSource, Role.Caseworker, center);
    sup = await makeActor(t.dataSource, Role.Supervisor, center);
    const reg = await registerCase(t, cw, center.id);
    caseId = reg.case.id;
    const tok = { token: t.tokenFor(cw) };
    ids.consent = (
      await t.request('POST', `/api/v1/cases/${caseId}/consents`, {
        ...tok,
        body: {
          givenBy: 'child',
          purposes: ['education'],
          anyRecipientInCountry: true,
          dataCategories: ['case_summary'],
          givenAt: '2026-06-01T10:00:00Z',
        },
      })
    ).body.id;
    ids.assessment = (
      await t.request('POST', `/api/v1/cases/${caseId}/assessments`, {
        ...tok,
        body: {
          type: 'initial',
          conductedAt: '2026-06-01T10:00:00Z',
          findings: [{ domain: 'safety', finding: 'x' }],
          riskRating: 'low',
        },
      })
    ).body.id;
    ids.plan = (
      await t.request('POST', `/api/v1/cases/${caseId}/plans`, {
        ...tok,
        body: {
          goals: [
            {
              dimension: 'social',
              goal: 'g',
              actions: [{ description: 'd', responsibleAgencyId: center.id, dueAt: '2026-07-01' }],
            },
          ],
        },
      })
    ).body.id;
    ids.bid = (
      await t.request('POST', `/api/v1/cases/${caseId}/bids`, {
        ...tok,
        body: {
          trigger: 'durable_solution',
          panel: [
            { userId: cw.userId, panelRole: 'a' },
            { userId: sup.userId, panelRole: 'b' },
          ],
        },
      })
    ).body.id;
    for (const v of Object.values(ids)) expect(v).toBeDefined();
  });
  afterAll(() => t.close());

  const valid = () => registrationBody(center.id, {}, { firstNames: 'Nueva', lastNames: 'Persona' });
  // [method, path, who, body, a field the problem must name]
  const cases: [string, string, 'cw' | 'sup', () => unknown, string][] = [
    ['POST', '/api/v1/cases', 'cw', () => ({ ...valid(), riskLevel: 'extreme' }), 'riskLevel'],
    [
      'POST',
      '/api/v1/cases',
      'cw',
      () => ({ ...valid(), protectionConcerns: ['aliens'] }),
      'protectionConcerns.0',
    ],
    [
      'POST',
      '/api/v1/cases',
      'cw',
      () => registrationBody(center.id, {}, { dateOfBirth: undefined }),
      'child.dateOfBirth',
    ],
    [
      'POST',
      '/api/v1/cases',
      'cw',
      () => registrationBody(center.id, {}, { dateOfBirth: '2010-13-45' }),
      'child.dateOfBirth',
    ],
    [
      'POST',
      '/api/v1/cases',
      'cw',
      () => registrationBody(center.id, {}, { nationality: 'XX', firstNames: '' }),
      'child.nationality',
    ],
    [
      'POST',
      '/api/v1/cases',
      'cw',
      () => ({ ...valid(), reception: { ...(valid().reception as object), meansOfReturn: 'teleport' } }),
      'reception.meansOfReturn',
    ],
    [
      'POST',
      '/api/v1/cases',
      'cw',
      () => ({
        ...valid(),
        reception: {
          ...(valid().reception as object),
          receptionCenterId: '00000000-0000-4000-8000-000000000000',
        },
      }),
      'reception.receptionCenterId',
    ],
    [
      'POST',
      '/api/v1/cases',
      'cw',
      () => ({ ...valid(), duplicateCheck: { decision: 'link' } }),
      'duplicateCheck.childId',
    ],
    ['POST', '/api/v1/cases', 'cw', () => ({ ...valid(), surprise: true }), 'surprise'],
    ['GET', '/api/v1/cases?limit=1000&riskLevel=x&overdue=maybe', 'sup', () => undefined, 'limit'],
    ['GET', '/api/v1/cases?cursor=bm9wZQ', 'sup', () => undefined, 'cursor'],
    ['GET', '/api/v1/cases/not-a-uuid', 'sup', () => undefined, 'id'],
    [
      'PATCH',
      '/api/v1/cases/:id',
      'cw',
      () => ({ version: 1, protectionConcerns: ['nope'] }),
      'protectionConcerns.0',
    ],
    ['PATCH', '/api/v1/cases/:id', 'cw', () => ({ immediateNeeds: ['food'] }), 'version'],
    [
      'POST',
      '/api/v1/cases/:id/assign',
      'sup',
      () => ({ version: 1, assignedUserId: 'bob' }),
      'assignedUserId',
    ],
    ['POST', '/api/v1/cases/:id/phase', 'cw', () => ({ version: 1, to: 'closed', reason: 'x' }), 'to'],
    ['POST', '/api/v1/cases/:id/closure', 'cw', () => ({ version: 1, reason: 'bored' }), 'reason'],
    [
      'POST',
      '/api/v1/cases/:id/closure/decision',
      'sup',
      () => ({ version: 1, decision: 'maybe' }),
      'decision',
    ],
    [
      'POST',
      '/api/v1/cases/:id/closure/decision',
      'sup',
      () => ({ version: 1, decision: 'reject' }),
      'comment',
    ],
    ['POST', '/api/v1/cases/:id/reopen', 'sup', () => ({ version: 1 }), 'reason'],
    [
      'POST',
      '/api/v1/cases/:id/age-extension',
      'sup',
      () => ({ version: 1, reason: 'x', until: 'soon' }),
      'until',
    ],
    ['GET', '/api/v1/cases/:id/access-log?cursor=abc', 'sup', () => undefined, 'cursor'],
    ['GET', '/api/v1/children/matches?firstNames=Ana', 'cw', () => undefined, 'lastNames'],
    [
      'POST',
      '/api/v1/cases/:id/consents',
      'cw',
      () => ({ givenBy: 'neighbour', purposes: ['spying'], dataCategories: [], givenAt: 'x' }),
      'givenBy',
    ],
    [
      'POST',
      '/api/v1/cases/:id/consents',
      'cw',
      () => ({
        givenBy: 'child',
        purposes: ['spying'],
        anyRecipientInCountry: true,
        dataCategories: ['dreams'],
        givenAt: '2026-06-01T10:00:00Z',
      }),
      'purposes.0',
    ],
    ['POST', '/api/v1/cases/:id/consents/:consent/withdraw', 'cw', () => ({ reason: 42 }), 'reason'],
    ['POST', '/api/v1/cases/:id/consents/nope/withdraw', 'cw', () => ({}), 'consentId'],
    [
      'POST',
      '/api/v1/cases/:id/assessments',
      'cw',
      () => ({ type: 'astrological', conductedAt: '2026-06-01T10:00:00Z', findings: [], riskRating: 'low' }),
      'type',
    ],
    [
      'POST',
      '/api/v1/cases/:id/assessments',
      'cw',
      () => ({
        type: 'initial',
        conductedAt: '2026-06-01T10:00:00Z',
        findings: [{ domain: 'horoscope', finding: 'x' }],
        riskRating: 'low',
      }),
      'findings.0.domain',
    ],
    [
      'PATCH',
      '/api/v1/cases/:id/assessments/:assessment',
      'cw',
      () => ({ version: 1, findings: [{ domain: 'safety' }], riskRating: 'low' }),
      'findings.0.finding',
    ],
    ['POST', '/api/v1/cases/:id/assessments/:assessment/submit', 'cw', () => ({ version: 'one' }), 'version'],
    [
      'POST',
      '/api/v1/cases/:id/assessments/:assessment/review',
      'sup',
      () => ({ version: 1, decision: 'return' }),
      'comment',
    ],
    [
      'POST',
      '/api/v1/cases/:id/plans',
      'cw',
      () => ({ goals: [{ dimension: 'cosmic', goal: 'g', actions: [] }] }),
      'goals.0.dimension',
    ],
    [
      'POST',
      '/api/v1/cases/:id/plans',
      'cw',
      () => ({
        goals: [
          {
            dimension: 'social',
            goal: 'g',
            actions: [
              {
                description: 'd',
                responsibleAgencyId: '00000000-0000-4000-8000-000000000000',
                dueAt: '2026-07-01',
              },
            ],
          },
        ],
      }),
      'goals.0.actions.0.responsibleAgencyId',
    ],
    ['PATCH', '/api/v1/cases/:id/plans/:plan', 'cw', () => ({ version: 1, goals: 'many' }), 'goals'],
    ['POST', '/api/v1/cases/:id/plans/:plan/submit', 'cw', () => ({}), 'version'],
    [
      'POST',
      '/api/v1/cases/:id/plans/:plan/review',
      'sup',
      () => ({ version: 1, decision: 'shrug' }),
      'decision',
    ],
    [
      'POST',
      '/api/v1/cases/:id/interviews',
      'cw',
      () => ({ conductedAt: '2026-06-01T10:00:00Z', purpose: 'p', topics: ['gossip'] }),
      'topics.0',
    ],
    [
      'POST',
      '/api/v1/cases/:id/interviews',
      'cw',
      () => ({ conductedAt: '2030-06-01T10:00:00Z', purpose: 'p', topics: ['family'] }),
      'conductedAt',
    ],
    ['POST', '/api/v1/cases/:id/bids', 'cw', () => ({ trigger: 'whim', panel: [] }), 'trigger'],
    [
      'POST',
      '/api/v1/cases/:id/bids',
      'cw',
      () => ({
        trigger: 'durable_solution',
        panel: [
          { userId: cw.userId, panelRole: 'a' },
          { userId: cw.userId, panelRole: 'b' },
        ],
      }),
      'panel.1.userId',
    ],
    ['GET', '/api/v1/cases/:id/bids/123', 'cw', () => undefined, 'bidId'],
    ['POST', '/api/v1/cases/:id/bids/:bid/undertaking', 'cw', () => ({ accept: false }), 'accept'],
    ['POST', '/api/v1/cases/:id/bids/:bid/decision', 'cw', () => ({ version: 1, decision: 'd' }), 'reasons'],
    [
      'POST',
      '/api/v1/cases/:id/bids/:bid/review',
      'sup',
      () => ({ version: 1, outcome: 'veto', reason: 'r' }),
      'outcome',
    ],
  ];

  it.each(cases)('%s %s (%s) -> 400 naming %s', async (method, path, w, body, field) => {
    const url = path
      .replace(':id', caseId)
      .replace(':consent', ids.consent)
      .replace(':assessment', ids.assessment)
      .replace(':plan', ids.plan)
      .replace(':bid', ids.bid);
    const before = await counts();
    const res = await t.request(method, url, { token: t.tokenFor(w === 'cw' ? cw : sup), body: body() });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: any) => e.field)).toContain(field);
    for (const e of res.body.errors) expect(e.message).toEqual(expect.any(String));
    expect(await counts()).toEqual(before);
  });

  it('answers unknown cases with 404 and nothing written', async () => {
    const before = await counts();
    const res = await t.request('GET', '/api/v1/cases/00000000-0000-4000-8000-000000000000', {
      token: t.tokenFor(sup),
    });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('CASE_NOT_FOUND');
    expect(await counts()).toEqual(before);
  });
});
