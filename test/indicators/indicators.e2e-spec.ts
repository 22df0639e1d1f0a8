import { Role } from '../../src/common/role';
import type { Agency } from '../../src/directory/agency.entity';
import type { CaseFile } from '../../src/cases/case-file.entity';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { makeCase } from '../factories/cases.factory';
import { createTestApp, TestApp } from '../harness/test-app';

const best = {
  school_enrolled_attending: 'yes',
  family_livelihood: '4',
  identity_documents: 'yes',
  health_access: 'yes',
  safe_housing: '4',
  family_relationship: '4',
  feels_safe: '4',
  sense_of_belonging: '4',
  psychosocial_wellbeing: '4',
  wish_to_remigrate: '0',
};

describe('reintegration indicators', () => {
  let t: TestApp;
  let agency: Agency;
  let other: Agency;
  let c: CaseFile;
  const tokens: Record<string, string> = {};
  const users: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-09-01T12:00:00Z');
    agency = await makeAgency(t.dataSource);
    other = await makeAgency(t.dataSource);
    for (const role of Object.values(Role)) {
      const a = await makeActor(t.dataSource, role, agency);
      tokens[role] = t.tokenFor(a);
      users[role] = a.userId;
    }
    const outsider = await makeActor(t.dataSource, Role.Supervisor, other);
    tokens.otherSupervisor = t.tokenFor(outsider);
    const cw2 = await makeActor(t.dataSource, Role.Caseworker, agency);
    tokens.otherCaseworker = t.tokenFor(cw2);
    c = await makeCase(t.dataSource, agency, {
      assignedUserId: users[Role.Caseworker],
      returnedAt: new Date('2026-02-01T00:00:00Z'),
    });
  }, 60000);
  afterAll(() => t.close());

  const url = () => `/api/v1/cases/${c.id}/indicators`;
  const auditCount = async (action: string, outcome = 'allowed') =>
    Number(
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM audit_entry WHERE action = $1 AND outcome = $2 AND case_id = $3`,
          [action, outcome, c.id],
        )
      )[0].n,
    );

  it('records measurements at checkpoints, scores them and shows the trend', async () => {
    const first = await t.request('POST', url(), {
      token: tokens[Role.Caseworker],
      body: {
        measuredAt: '2026-03-01T10:00:00Z',
        checkpoint: '1mo',
        answers: {
          school_enrolled_attending: 'no',
          family_livelihood: '1',
          identity_documents: 'no',
          feels_safe: '1',
          wish_to_remigrate: '4',
        },
      },
    });
    expect(first.status).toBe(201);
    // economic_education: school 0 (w2) + livelihood 0.25 (w1) = 0.25/3; social: docs 0; psychosocial: (0.25 + 0) / 2
    expect(first.body.dimensionScores).toEqual({ economic_education: 8.3, social: 0, psychosocial: 12.5 });
    expect(first.body.overallScore).toBeCloseTo(6.9, 5);
    expect(first.body.answers).toMatchObject({ wish_to_remigrate: '4' });

    const second = await t.request('POST', url(), {
      token: tokens[Role.Supervisor],
      body: { measuredAt: '2026-05-01T10:00:00Z', checkpoint: '3mo', answers: best },
    });
    expect(second.status).toBe(201);
    expect(second.body.overallScore).toBe(100);

    const res = await t.request('GET', url(), {
      token: tokens[Role.Caseworker],
      headers: { 'accept-language': 'en' },
    });
    expect(res.status).toBe(200);
    expect(res.body.measurements).toHaveLength(2);
    expect(res.body.dimensions).toMatchObject({ social: 'Social', overall: 'Overall' });
    expect(res.body.trend.overall).toMatchObject({ first: 6.9, last: 100, change: 93.1 });
    expect(res.body.trend.social.points.map((p: any) => [p.checkpoint, p.score])).toEqual([
      ['1mo', 0],
      ['3mo', 100],
    ]);
    // Long-form scores for monitoring: three dimensions and the overall, per measurement.
    const [{ n }] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM indicator_score WHERE case_id = $1',
      [c.id],
    );
    expect(n).toBe(8);
    expect(await auditCount('indicatorMeasurement.create')).toBe(2);
    expect(await auditCount('indicatorMeasurement.read')).toBe(1);
    const [entry] = await t.dataSource.query(
      `SELECT fields FROM audit_entry WHERE action = 'indicatorMeasurement.create' AND case_id = $1 LIMIT 1`,
      [c.id],
    );
    expect(entry.fields).toEqual(['answers', 'dimensionScores', 'overallScore']);
  });

  it('rejects bad answers, unknown indicators and future dates, writing nothing', async () => {
    const before = (await t.dataSource.query('SELECT count(*)::int AS n FROM indicator_measurement'))[0].n;
    const bad = await t.request('POST', url(), {
      token: tokens[Role.Caseworker],
      body: { measuredAt: '2026-06-01T00:00:00Z', answers: { feels_safe: '7', invented: 'yes' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INDICATOR_ANSWERS_INVALID');
    expect(bad.body.errors.map((e: any) => `${e.field}:${e.code}`).sort()).toEqual([
      'answers.feels_safe:notOnScale',
      'answers.invented:unknownIndicator',
    ]);
    const empty = await t.request('POST', url(), {
      token: tokens[Role.Caseworker],
      body: { measuredAt: '2026-06-01T00:00:00Z', answers: {} },
    });
    expect(empty.status).toBe(400);
    const future = await t.request('POST', url(), {
      token: tokens[Role.Caseworker],
      body: { measuredAt: '2027-01-01T00:00:00Z', answers: { feels_safe: '2' } },
    });
    expect(future.body.code).toBe('MEASUREMENT_IN_FUTURE');
    const malformed = await t.request('POST', url(), {
      token: tokens[Role.Caseworker],
      body: { measuredAt: 'yesterday', answers: { feels_safe: '2' }, extra: 1 },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: any) => e.field).sort()).toEqual(['extra', 'measuredAt']);
    const badId = await t.request('GET', '/api/v1/cases/not-a-uuid/indicators', {
      token: tokens[Role.Caseworker],
    });
    expect(badId.status).toBe(400);
    const missing = await t.request('GET', '/api/v1/cases/7d0f3c1e-0000-4000-8000-000000000000/indicators', {
      token: tokens[Role.Caseworker],
    });
    expect(missing.status).toBe(404);
    const after = (await t.dataSource.query('SELECT count(*)::int AS n FROM indicator_measurement'))[0].n;
    expect(after).toBe(before);
  });

  it.each([
    ['a caseworker not assigned to the case', 'otherCaseworker'],
    ['a supervisor of another agency', 'otherSupervisor'],
    ['the lead unit (scores only through monitoring)', Role.LeadUnitOfficer],
    ['the regional analyst', Role.RegionalAnalyst],
    ['a referral focal point', Role.ReferralFocalPoint],
    ['the auditor', Role.Auditor],
    ['the administrator', Role.Administrator],
  ])('denies %s, and audits the denial', async (_label, who) => {
    const deniedBefore = await auditCount('indicatorMeasurement.read', 'denied');
    const read = await t.request('GET', url(), { token: tokens[who] });
    expect(read.status).toBe(403);
    const write = await t.request('POST', url(), {
      token: tokens[who],
      body: { measuredAt: '2026-06-01T00:00:00Z', answers: { feels_safe: '2' } },
    });
    expect(write.status).toBe(403);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE action LIKE 'indicatorMeasurement.%' AND outcome = 'denied'
         AND actor_role IS NOT NULL`,
    );
    expect(n).toBeGreaterThan(deniedBefore);
  });
});
