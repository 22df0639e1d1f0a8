import { ROLES } from '../../src/common/role';
import { DEMO_PASSWORD, DEMO_USERS, demoEmail } from '../../src/seed/demo-directory';
import { runSeed } from '../../src/seed/seed';
import { login } from '../harness/login';
import { createTestApp, TestApp } from '../harness/test-app';

/**
 * The demo's ids are UUID version 5 (derived from names, so a re-seed keeps them). Every route
 * that takes an id takes any RFC 9562 UUID: each seeded id goes through every GET route with an
 * id in its path or query, as every seeded role of Guatemala, and through the write fields that
 * name agencies. None may be refused as a malformed id.
 */
const V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The seeded table whose ids a path segment names (the segment before the parameter). */
const TABLE_BY_SEGMENT: Record<string, string> = {
  cases: 'case_file',
  referrals: 'referral',
  agencies: 'agency',
  users: 'app_user',
  agreements: 'data_sharing_agreement',
  'follow-ups': 'follow_up',
  consents: 'consent',
  children: 'child',
};
const TABLE_BY_QUERY: Record<string, string> = {
  agencyId: 'agency',
  recipientAgencyId: 'agency',
  caseId: 'case_file',
  childId: 'child',
  userId: 'app_user',
  actorUserId: 'app_user',
  referralId: 'referral',
};

describe('seeded (version-5) ids through every route that takes an id', () => {
  let t: TestApp;
  const ids = new Map<string, string>();
  const tokens: string[] = [];
  let operations: { path: string; query: string[] }[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    await runSeed(t.dataSource);
    // Records of the Guatemalan caseworker's own case, so some Guatemalan role may see each.
    const cw = demoEmail(
      DEMO_USERS.find((x) => x.role === 'caseworker' && x.countryCode === 'GT' && !x.suffix)!,
    );
    const [c] = await t.dataSource.query(
      `SELECT c.id, c.child_id, c.agency_id, c.assigned_user_id FROM case_file c
         JOIN app_user u ON u.id = c.assigned_user_id WHERE u.email = $1 ORDER BY c.id LIMIT 1`,
      [cw],
    );
    // Of that case, or else of any of that caseworker's cases.
    const first = async (table: string) =>
      (
        await t.dataSource.query(
          `SELECT x.id FROM ${table} x JOIN case_file c ON c.id = x.case_id JOIN app_user u ON u.id = c.assigned_user_id
            WHERE u.email = $1 ORDER BY (x.case_id = $2) DESC, x.id LIMIT 1`,
          [cw, c.id],
        )
      )[0]?.id;
    ids.set('case_file', c.id);
    ids.set('child', c.child_id);
    ids.set('agency', c.agency_id);
    ids.set('app_user', c.assigned_user_id);
    ids.set('referral', await first('referral'));
    ids.set('follow_up', await first('follow_up'));
    ids.set('consent', await first('consent'));
    ids.set(
      'data_sharing_agreement',
      (await t.dataSource.query(`SELECT id FROM data_sharing_agreement ORDER BY id LIMIT 1`))[0].id,
    );
    for (const role of ROLES) {
      const u = DEMO_USERS.find((x) => x.role === role && x.countryCode === 'GT' && !x.suffix)!;
      tokens.push((await login(t, demoEmail(u), DEMO_PASSWORD)).accessToken);
    }
    const doc = (await t.request('GET', '/docs/json')).body;
    operations = Object.entries(doc.paths as Record<string, any>)
      .filter(([path, ops]) => ops.get && !path.startsWith('/api/v1/system/jobs'))
      .map(([path, ops]) => ({
        path,
        query: (ops.get.parameters ?? [])
          .filter((p: any) => p.in === 'query' && p.name in TABLE_BY_QUERY)
          .map((p: any) => p.name),
      }))
      .filter((op) => op.query.length || /\{(id|\w+Id)\}/.test(op.path));
  });
  afterAll(() => t.close());

  const idFor = (path: string, param: string): string => {
    const before = path.split(`/{${param}}`)[0].split('/').pop()!;
    return ids.get(TABLE_BY_SEGMENT[before] ?? 'case_file')!;
  };

  it('seeds version-5 ids', () => {
    expect(ids.size).toBe(8);
    for (const id of ids.values()) expect(id).toMatch(V5);
    expect(operations.length).toBeGreaterThan(25);
  });

  it('accepts them in every GET path and query id, for the roles the route lets through', async () => {
    const refused: string[] = [];
    const neverPastTheGuard: string[] = [];
    for (const op of operations) {
      const path = op.path.replace(/\{(\w+)\}/g, (_, p: string) => idFor(op.path, p));
      const query = op.query.map((q) => `${q}=${ids.get(TABLE_BY_QUERY[q])}`).join('&');
      const url = query ? `${path}?${query}` : path;
      let through = false;
      for (const token of tokens) {
        const res = await t.request('GET', url, { token });
        if (res.status === 400) refused.push(`${url}: ${JSON.stringify(res.body.errors ?? res.body.code)}`);
        if (res.status >= 500) refused.push(`${url}: ${res.status}`);
        if (res.status !== 401 && res.status !== 403) through = true;
      }
      if (!through) neverPastTheGuard.push(op.path);
    }
    expect(refused).toEqual([]);
    // Guards run before pipes: a route no role got through would prove nothing about its id pipe.
    expect(neverPastTheGuard).toEqual([]);
  });

  it('accepts a seeded agency as a referral recipient and as an agreement party', async () => {
    const [caseRow] = await t.dataSource.query(
      `SELECT id FROM case_file WHERE country_code = 'GT' AND status = 'open' LIMIT 1`,
    );
    const [health] = await t.dataSource.query(
      `SELECT id FROM agency WHERE country_code = 'GT' AND type = 'health' LIMIT 1`,
    );
    const [other] = await t.dataSource.query(
      `SELECT id FROM agency WHERE country_code = 'HN' AND type = 'national_lead_unit' LIMIT 1`,
    );
    const idErrors = (body: any, field: RegExp) =>
      ((body.errors ?? []) as any[]).filter(
        (e) => field.test(e.field) && /uuid/i.test(`${e.code} ${e.message?.en ?? ''}`),
      );
    for (const token of tokens) {
      const referral = await t.request('POST', `/api/v1/cases/${caseRow.id}/referrals`, {
        token,
        body: { recipientAgencyId: health.id, serviceType: 'health_care', reason: 'x', urgency: 'routine' },
      });
      expect(idErrors(referral.body, /recipientAgencyId/)).toEqual([]);
      const agreement = await t.request('POST', '/api/v1/agreements', {
        token,
        body: { partyAgencyIds: [health.id, other.id] },
      });
      expect(idErrors(agreement.body, /partyAgencyIds/)).toEqual([]);
    }
  });
});
