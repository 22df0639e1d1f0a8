import type { Agency } from '../../src/directory/agency.entity';
import { makeCase } from '../factories/cases.factory';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { makeInterviews } from '../factories/monitoring-rows.factory';
import { createTestApp, TestApp } from '../harness/test-app';

/**
 * The interviews metric reads the country and agency kept on each interview by triggers
 * (migrations/1795011900000-InterviewScope.ts). After every kind of write they must give the same
 * counts as the live join to case_file that the metric used to run.
 */
describe('interview scope columns (interviews metric)', () => {
  let t: TestApp;
  let gtA: Agency;
  let gtB: Agency;
  let hn: Agency;

  beforeAll(async () => {
    t = await createTestApp();
    gtA = await makeAgency(t.dataSource, { countryCode: 'GT' });
    gtB = await makeAgency(t.dataSource, { countryCode: 'GT' });
    hn = await makeAgency(t.dataSource, { countryCode: 'HN' });
  });

  afterAll(() => t.close());

  type Count = { country: string; agency: string; child: string; n: number };
  const byKey = (rows: Count[]) => rows.map((r) => `${r.country}|${r.agency}|${r.child}|${r.n}`).sort();

  /** Per country, agency and child: from the interview's own columns and from the live join. */
  async function both(): Promise<{ kept: string[]; live: string[] }> {
    const kept: Count[] = await t.dataSource.query(
      `SELECT country_code AS country, agency_id AS agency, child_id AS child, count(*)::int AS n
         FROM interview GROUP BY 1, 2, 3`,
    );
    const live: Count[] = await t.dataSource.query(
      `SELECT c.country_code AS country, c.agency_id AS agency, i.child_id AS child, count(*)::int AS n
         FROM interview i JOIN case_file c ON c.id = i.case_id GROUP BY 1, 2, 3`,
    );
    return { kept: byKey(kept), live: byKey(live) };
  }

  async function expectSame(): Promise<void> {
    const { kept, live } = await both();
    expect(kept).toEqual(live);
  }

  it('stays equal to the live join through inserts, case moves, re-filing, deletes and stray writes', async () => {
    const c1 = await makeCase(t.dataSource, gtA);
    const c2 = await makeCase(t.dataSource, gtA);
    const c3 = await makeCase(t.dataSource, hn);

    // Inserts, one statement per row and one statement for many rows.
    await makeInterviews(t.dataSource, c1, [at('02-01'), at('03-01')]);
    await makeInterviews(t.dataSource, c3, [at('02-02')]);
    await t.dataSource.query(
      `INSERT INTO interview (case_id, child_id, interviewer_id, conducted_at, purpose, topics)
       SELECT $1, $2, interviewer_id, conducted_at + interval '1 day', purpose, topics FROM interview WHERE case_id = $3`,
      [c2.id, c2.childId, c1.id],
    );
    await expectSame();
    const { kept } = await both();
    expect(kept).toEqual(
      [`GT|${gtA.id}|${c1.childId}|2`, `GT|${gtA.id}|${c2.childId}|2`, `HN|${hn.id}|${c3.childId}|1`].sort(),
    );

    // A case moves to another agency, then to another country: its interviews follow.
    await t.dataSource.query(`UPDATE case_file SET agency_id = $1 WHERE id = $2`, [gtB.id, c1.id]);
    await expectSame();
    await t.dataSource.query(
      `UPDATE case_file SET country_code = 'HN', agency_id = $1 WHERE id IN ($2, $3)`,
      [hn.id, c1.id, c2.id],
    );
    await expectSame();
    // Changes of other case columns leave the interviews alone.
    await t.dataSource.query(`UPDATE case_file SET phase = 'case_plan' WHERE id = $1`, [c3.id]);
    await expectSame();

    // An interview re-filed under another case takes that case's scope.
    await t.dataSource.query(
      `UPDATE interview SET case_id = $1 WHERE id = (SELECT id FROM interview WHERE case_id = $2 LIMIT 1)`,
      [c3.id, c1.id],
    );
    await expectSame();

    // A direct write of the columns cannot make them disagree with the case.
    await t.dataSource.query(`UPDATE interview SET country_code = 'MX', agency_id = $1`, [gtA.id]);
    await expectSame();

    await t.dataSource.query(`DELETE FROM interview WHERE case_id = $1`, [c2.id]);
    await expectSame();
    expect((await both()).kept).toHaveLength(2);
  });

  it('serves the lead unit the same interviews metric as the join', async () => {
    const lead = t.tokenFor(await makeActor(t.dataSource, 'lead_unit_officer', gtA));
    const c = await makeCase(t.dataSource, gtA);
    await makeInterviews(t.dataSource, c, [at('04-01'), at('04-02'), at('04-03')]);
    const res = await t.request('GET', '/api/v1/monitoring/interviews?from=2026-01-01&to=2026-09-01', {
      token: lead,
    });
    expect(res.status).toBe(200);
    // The query the metric ran before the columns existed, with the lead unit's scope.
    const live: { bucket: string; children: number; interviews: number }[] = await t.dataSource.query(
      `SELECT CASE WHEN n >= 4 THEN '4+' ELSE n::text END AS bucket, count(*)::int AS children,
              sum(n)::int AS interviews
         FROM (SELECT i.child_id, count(*)::int AS n
                 FROM interview i JOIN case_file c ON c.id = i.case_id
                WHERE c.country_code = 'GT' AND i.conducted_at >= '2026-01-01' AND i.conducted_at < '2026-09-01'
                GROUP BY 1) per_child
        GROUP BY 1`,
    );
    const expected = {
      '1': 0,
      '2': 0,
      '3': 0,
      '4+': 0,
      ...Object.fromEntries(live.map((r) => [r.bucket, r.children])),
    };
    expect(expected['3']).toBe(1);
    expect(res.body.tables[0].rows[0].cells).toEqual(expected);
    const children = live.reduce((s, r) => s + r.children, 0);
    const interviews = live.reduce((s, r) => s + r.interviews, 0);
    expect(res.body.stats[0].values).toEqual({
      meanInterviewsPerChild: Math.round((interviews / children) * 100) / 100,
    });
  });
});

function at(d: string): Date {
  return new Date(`2026-${d}T10:00:00Z`);
}
