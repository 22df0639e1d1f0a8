import type { Agency } from '../../src/directory/agency.entity';
import { makeCase } from '../factories/cases.factory';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { makeFollowUp, makeInterviews } from '../factories/monitoring-rows.factory';
import { createTestApp, TestApp } from '../harness/test-app';

/**
 * The overdue-follow-ups metric reads the case's country and agency kept on each follow-up by
 * triggers (migrations/1795012000000-FollowUpScope.ts). After every kind of write they must give
 * the same rows as the live join to case_file that the metric used to run.
 */
describe('follow-up scope columns (overdue-follow-ups metric)', () => {
  let t: TestApp;
  let gtA: Agency;
  let gtB: Agency;
  let hn: Agency;
  const NOW = new Date('2026-09-01T12:00:00Z');

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(NOW);
    gtA = await makeAgency(t.dataSource, { countryCode: 'GT' });
    gtB = await makeAgency(t.dataSource, { countryCode: 'GT' });
    hn = await makeAgency(t.dataSource, { countryCode: 'HN' });
  });

  afterAll(() => t.close());

  type Row = { id: string; country: string; agency: string };
  const byKey = (rows: Row[]) => rows.map((r) => `${r.id}|${r.country}|${r.agency}`).sort();

  /** Every follow-up's scope: from its own columns and from the live join. */
  async function both(): Promise<{ kept: string[]; live: string[] }> {
    const kept: Row[] = await t.dataSource.query(
      `SELECT id, country_code AS country, agency_id AS agency FROM follow_up`,
    );
    const live: Row[] = await t.dataSource.query(
      `SELECT f.id, c.country_code AS country, c.agency_id AS agency
         FROM follow_up f JOIN case_file c ON c.id = f.case_id`,
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
    await makeInterviews(t.dataSource, c1, [at('02-01')]);

    // Inserts, one statement per row and one statement for many rows.
    await makeFollowUp(t.dataSource, c1, { dueAt: at('03-01') });
    await makeFollowUp(t.dataSource, c1, {
      dueAt: at('04-01'),
      overdueSince: at('04-03'),
      escalationLevel: 1,
    });
    await makeFollowUp(t.dataSource, c3, { dueAt: at('05-01') });
    await t.dataSource.query(
      `INSERT INTO follow_up (case_id, type, kind, due_at, explain, responsible_agency_id, version)
       SELECT $1, type, kind, due_at + interval '1 day', explain, responsible_agency_id, 1
         FROM follow_up WHERE case_id = $2`,
      [c2.id, c1.id],
    );
    await expectSame();
    const counts: { country: string; agency: string; n: number }[] = await t.dataSource.query(
      `SELECT country_code AS country, agency_id AS agency, count(*)::int AS n FROM follow_up GROUP BY 1, 2 ORDER BY 1`,
    );
    expect(counts).toEqual([
      { country: 'GT', agency: gtA.id, n: 4 },
      { country: 'HN', agency: hn.id, n: 1 },
    ]);

    // A case moves to another agency, then to another country: its follow-ups (and interviews,
    // through the same case_file trigger) follow.
    await t.dataSource.query(`UPDATE case_file SET agency_id = $1 WHERE id = $2`, [gtB.id, c1.id]);
    await expectSame();
    const [iv] = await t.dataSource.query(`SELECT agency_id FROM interview WHERE case_id = $1`, [c1.id]);
    expect(iv.agency_id).toBe(gtB.id);
    await t.dataSource.query(
      `UPDATE case_file SET country_code = 'HN', agency_id = $1 WHERE id IN ($2, $3)`,
      [hn.id, c1.id, c2.id],
    );
    await expectSame();
    // Changes of other case columns leave the follow-ups alone.
    await t.dataSource.query(`UPDATE case_file SET phase = 'case_plan' WHERE id = $1`, [c3.id]);
    await expectSame();

    // A follow-up re-filed under another case takes that case's scope.
    await t.dataSource.query(
      `UPDATE follow_up SET case_id = $1 WHERE id = (SELECT id FROM follow_up WHERE case_id = $2 LIMIT 1)`,
      [c3.id, c1.id],
    );
    await expectSame();

    // Escalation writes (the overdue scan's columns) keep the scope.
    await t.dataSource.query(`UPDATE follow_up SET escalation_level = 2, overdue_since = due_at`);
    await expectSame();

    // A direct write of the columns cannot make them disagree with the case.
    await t.dataSource.query(`UPDATE follow_up SET country_code = 'MX', agency_id = $1`, [gtA.id]);
    await expectSame();

    await t.dataSource.query(`DELETE FROM follow_up WHERE case_id = $1`, [c2.id]);
    await expectSame();
    expect((await both()).kept).toHaveLength(3);
  });

  it('serves the lead unit and a supervisor the same overdue-follow-ups metric as the join', async () => {
    const lead = t.tokenFor(await makeActor(t.dataSource, 'lead_unit_officer', gtA));
    const sup = t.tokenFor(await makeActor(t.dataSource, 'supervisor', gtA));
    const a = await makeCase(t.dataSource, gtA);
    const b = await makeCase(t.dataSource, gtB);
    await makeFollowUp(t.dataSource, a, { dueAt: at('08-30') });
    await makeFollowUp(t.dataSource, a, {
      dueAt: at('08-01'),
      overdueSince: at('08-03'),
      escalationLevel: 1,
    });
    await makeFollowUp(t.dataSource, b, {
      dueAt: at('05-01'),
      overdueSince: at('05-03'),
      escalationLevel: 3,
    });
    await makeFollowUp(t.dataSource, b, { dueAt: at('10-01') }); // not yet due
    await makeFollowUp(t.dataSource, a, { dueAt: at('03-01'), status: 'completed' });

    // The query the metric ran before the columns existed, with the scope's predicate on the case.
    const live = async (scope: string, params: unknown[]) => {
      const rows: { level: string; bucket: string; g: number; n: number }[] = await t.dataSource.query(
        `SELECT f.escalation_level::text AS level,
                CASE WHEN d <= 7 THEN '0-7' WHEN d <= 30 THEN '8-30' WHEN d <= 90 THEN '31-90' ELSE '>90' END AS bucket,
                GROUPING(f.escalation_level, CASE WHEN d <= 7 THEN '0-7' WHEN d <= 30 THEN '8-30' WHEN d <= 90 THEN '31-90' ELSE '>90' END) AS g,
                count(*)::int AS n
           FROM follow_up f JOIN case_file c ON c.id = f.case_id,
                LATERAL (SELECT floor(extract(epoch FROM ($1::timestamptz - f.due_at)) / 86400) AS d) x
          WHERE f.status = 'scheduled' AND f.due_at < $1 AND ${scope}
          GROUP BY GROUPING SETS ((c.country_code, f.escalation_level),
                   (c.country_code, CASE WHEN d <= 7 THEN '0-7' WHEN d <= 30 THEN '8-30' WHEN d <= 90 THEN '31-90' ELSE '>90' END))`,
        [NOW, ...params],
      );
      const levels: Record<string, number> = { '0': 0, '1': 0, '2': 0, '3': 0 };
      const buckets: Record<string, number> = { '0-7': 0, '8-30': 0, '31-90': 0, '>90': 0 };
      for (const r of rows) {
        if (Number(r.g) === 1) levels[r.level] = r.n;
        else buckets[r.bucket] = r.n;
      }
      return { levels, buckets };
    };

    const asLead = await t.request('GET', '/api/v1/monitoring/overdue-follow-ups', { token: lead });
    expect(asLead.status).toBe(200);
    const gt = await live(`c.country_code = 'GT'`, []);
    expect(gt.levels['3']).toBe(1);
    expect(asLead.body.tables[0].rows[0].cells).toEqual(gt.levels);
    expect(asLead.body.tables[1].rows[0].cells).toEqual(gt.buckets);

    const asSup = await t.request('GET', '/api/v1/monitoring/overdue-follow-ups', { token: sup });
    expect(asSup.status).toBe(200);
    const own = await live(`c.agency_id = $2`, [gtA.id]);
    expect(own.levels).toEqual({ '0': 1, '1': 1, '2': 0, '3': 0 });
    expect(asSup.body.tables[0].rows[0].cells).toEqual(own.levels);
    expect(asSup.body.tables[1].rows[0].cells).toEqual(own.buckets);
  });
});

function at(d: string): Date {
  return new Date(`2026-${d}T10:00:00Z`);
}
