import { CASE_PHASES, CLOSURE_REASONS, RISK_LEVELS } from '../../src/cases/public';
import { METRIC_NAMES } from '../../src/monitoring/metric-registry';
import { REFERRAL_STATUSES } from '../../src/referrals/referral-lifecycle';
import { DEMO_PASSWORD } from '../../src/seed/demo-directory';
import { DEMO_CASES } from '../../src/seed/demo-scenario';
import { runSeed } from '../../src/seed/seed';
import { login } from '../harness/login';
import { createTestApp, TestApp } from '../harness/test-app';

/** Every table the demo case work writes: a second seed run must leave each exactly as it was. */
const SEEDED_TABLES = [
  'child',
  'case_file',
  'reception_event',
  'case_phase_change',
  'consent',
  'case_closure',
  'data_sharing_agreement',
  'referral',
  'referral_snapshot',
  'referral_status_change',
  'follow_up',
  'escalation',
  'indicator_measurement',
  'indicator_score',
  'indicator_score_month',
  'interview',
  'monitoring_open_case_count',
  'monitoring_closure_count',
];

const email = (local: string) => `${local}@demo.enlace.example`;

describe('demo case work (seed)', () => {
  let t: TestApp;
  const q = (sql: string) => t.dataSource.query(sql);
  const tokens = new Map<string, string>();
  const get = async (who: string, url: string) => {
    if (!tokens.has(who)) tokens.set(who, (await login(t, email(who), DEMO_PASSWORD)).accessToken);
    return t.request('GET', url, { token: tokens.get(who) });
  };
  /** Some cell of some table is a count above zero (or a suppressed small count). */
  const hasData = (body: any) =>
    (body.tables as any[]).some((tb) =>
      (tb.rows as any[]).some((r) => Object.values(r.cells).some((v) => v === '<5' || Number(v) > 0)),
    );

  beforeAll(async () => {
    t = await createTestApp();
    await runSeed(t.dataSource);
  });
  afterAll(() => t.close());

  it('has cases in every phase and risk level, and closures with a post-closure monitoring period', async () => {
    const phases = await q(`SELECT DISTINCT phase FROM case_file`);
    expect(phases.map((r: any) => r.phase).sort()).toEqual([...CASE_PHASES].sort());
    const risks = await q(`SELECT DISTINCT risk_level FROM case_file WHERE status = 'open'`);
    expect(risks.map((r: any) => r.risk_level).sort()).toEqual([...RISK_LEVELS].sort());
    const closed = await q(
      `SELECT c.closure_reason, cl.status, count(f.id)::int AS post_closure
         FROM case_file c JOIN case_closure cl ON cl.case_id = c.id
         LEFT JOIN follow_up f ON f.case_id = c.id AND f.kind = 'post_closure' AND f.status = 'scheduled'
                               AND f.due_at > now()
        WHERE c.status = 'closed' GROUP BY 1, 2`,
    );
    expect(
      closed.every((r: any) => CLOSURE_REASONS.includes(r.closure_reason) && r.status === 'approved'),
    ).toBe(true);
    expect(closed.some((r: any) => r.post_closure === 2)).toBe(true);
    // Clearly fictitious people.
    const children = await q(`SELECT last_names FROM child`);
    expect(children).toHaveLength(DEMO_CASES.length);
    for (const c of children) expect(c.last_names).toMatch(/Fictici[oa]/);
  });

  it('has referrals in every state and of every kind, each with its history and snapshot', async () => {
    const statuses = await q(`SELECT DISTINCT status FROM referral`);
    expect(statuses.map((r: any) => r.status).sort()).toEqual([...REFERRAL_STATUSES].sort());
    const kinds = await q(
      `SELECT DISTINCT CASE WHEN external THEN 'external'
                            WHEN sender_agency_id = recipient_agency_id THEN 'internal'
                            WHEN sender_country = recipient_country THEN 'national'
                            ELSE 'cross_border' END AS kind
         FROM referral`,
    );
    expect(kinds.map((r: any) => r.kind).sort()).toEqual([
      'cross_border',
      'external',
      'internal',
      'national',
    ]);
    // The last recorded transition is the referral's status; every one has snapshot v1.
    const off = await q(
      `SELECT r.id FROM referral r
        WHERE r.status <> (SELECT to_status FROM referral_status_change s WHERE s.referral_id = r.id
                            ORDER BY s.occurred_at DESC, s.id DESC LIMIT 1)
           OR NOT EXISTS (SELECT 1 FROM referral_snapshot s WHERE s.referral_id = r.id AND s.version = 1)`,
    );
    expect(off).toEqual([]);
    // Every referral between agencies names an agreement covering its purpose, active and approved.
    const uncovered = await q(
      `SELECT r.id FROM referral r LEFT JOIN data_sharing_agreement a ON a.id = r.agreement_id
        WHERE r.sender_agency_id <> r.recipient_agency_id
          AND (a.id IS NULL OR a.status <> 'active' OR NOT r.purpose = ANY(a.purposes)
               OR jsonb_array_length(a.approvals) <> cardinality(a.involved_countries))`,
    );
    expect(uncovered).toEqual([]);
  });

  it('has overdue follow-ups at each escalation level, with the escalations the scan would have recorded', async () => {
    const levels = await q(
      `SELECT escalation_level AS level, count(*)::int AS n,
              count(*) FILTER (WHERE (SELECT count(*) FROM escalation e WHERE e.item_id = f.id) = f.escalation_level)::int AS consistent
         FROM follow_up f WHERE status = 'scheduled' AND due_at < now() GROUP BY 1 ORDER BY 1`,
    );
    expect(levels.map((r: any) => r.level)).toEqual([0, 1, 2, 3]);
    for (const r of levels) expect(r.consistent).toBe(r.n);
    const onTime = await q(
      `SELECT count(*)::int AS n FROM follow_up WHERE status = 'scheduled' AND due_at > now()`,
    );
    expect(onTime[0].n).toBeGreaterThan(0);
    const settled = await q(`SELECT DISTINCT status FROM follow_up WHERE status <> 'scheduled'`);
    expect(settled.map((r: any) => r.status).sort()).toEqual(['completed', 'missed']);
  });

  it('gives every monitoring view data for the lead units, a supervisor and the regional analyst', async () => {
    for (const who of ['lead-unit-officer.gt', 'lead-unit-officer.hn', 'supervisor.gt']) {
      const overview = await get(who, '/api/v1/monitoring/overview');
      expect(overview.status).toBe(200);
      for (const name of METRIC_NAMES) {
        const res = await get(who, `/api/v1/monitoring/${name}`);
        expect({ who, name, status: res.status, data: hasData(res.body) }).toEqual({
          who,
          name,
          status: 200,
          data: true,
        });
      }
      for (const name of ['open-cases', 'overdue-follow-ups', 'referrals', 'closures']) {
        const res = await get(who, `/api/v1/monitoring/${name}/items`);
        expect({ who, name, status: res.status }).toEqual({ who, name, status: 200 });
        expect(res.body.items.length).toBeGreaterThan(0);
      }
    }
    const gt = await get('lead-unit-officer.gt', '/api/v1/monitoring/overdue-follow-ups');
    const byLevel = gt.body.tables[0].rows[0].cells;
    expect(byLevel).toEqual({ '0': 1, '1': 0, '2': 0, '3': 1 });
    const hn = await get('lead-unit-officer.hn', '/api/v1/monitoring/overdue-follow-ups');
    expect(hn.body.tables[0].rows[0].cells).toEqual({ '0': 0, '1': 1, '2': 1, '3': 0 });

    for (const name of METRIC_NAMES) {
      const res = await get('regional-analyst.gt', `/api/v1/monitoring/regional/${name}`);
      expect({ name, status: res.status, data: hasData(res.body) }).toEqual({
        name,
        status: 200,
        data: true,
      });
    }
  });

  it('lets the receiving agencies see their inbox', async () => {
    const pgn = await get('referral-focal-point.gt', '/api/v1/referrals/inbox');
    expect(pgn.status).toBe(200);
    expect(pgn.body.items.length).toBeGreaterThan(0);
  });

  it('changes nothing when run again', async () => {
    const snapshot = async () => {
      const out: Record<string, unknown> = {};
      for (const table of SEEDED_TABLES) out[table] = await q(`SELECT * FROM ${table} ORDER BY 1`);
      return out;
    };
    const before = await snapshot();
    const messages: string[] = [];
    await runSeed(t.dataSource, (m) => messages.push(m), { now: new Date(Date.now() + 3 * 86_400_000) });
    expect(await snapshot()).toEqual(before);
    expect(messages[0]).toContain(`${DEMO_CASES.length} demo cases (0 rows written)`);
  });
});
