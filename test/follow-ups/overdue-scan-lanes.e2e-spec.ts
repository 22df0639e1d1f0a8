import type { Actor } from '../../src/common/actor';
import { Role } from '../../src/common/role';
import { OverdueScanService, ScanStats } from '../../src/escalation/overdue-scan.service';
import { makeCase } from '../factories/cases.factory';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { createTestApp, TestApp } from '../harness/test-app';

const AS_OF = new Date('2026-11-28T12:00:00Z');
/** Not a multiple of the batch size: the last batch is short and ends the scan. */
const ITEMS = 250;
const BATCH = 20;

const fired = (stats: ScanStats[][]) =>
  stats
    .flat()
    .filter((s) => s.source === 'follow_up')
    .reduce(
      (a, s) => ({
        caseworker: a.caseworker + s.fired.caseworker,
        supervisor: a.supervisor + s.fired.supervisor,
        lead_unit: a.lead_unit + s.fired.lead_unit,
        notifications: a.notifications + s.notifications,
      }),
      { caseworker: 0, supervisor: 0, lead_unit: 0, notifications: 0 },
    );

/**
 * A scan runs several batches at once (lanes, each its own transaction) that take turns on one
 * keyset position: inside a scan each item is read once, and two such scans at once (two workers)
 * still fire each level of each item exactly once.
 */
describe('overdue scan with concurrent batches (lanes)', () => {
  let t: TestApp;
  let scanner: OverdueScanService;
  let cw: Actor;
  let sup: Actor;
  let lead: Actor;

  beforeAll(async () => {
    t = await createTestApp();
    const ds = t.dataSource;
    scanner = t.app.get(OverdueScanService);
    const gt = await makeAgency(ds, { countryCode: 'GT' });
    const leadUnit = await makeAgency(ds, { countryCode: 'GT', type: 'national_lead_unit' });
    cw = await makeActor(ds, Role.Caseworker, gt);
    sup = await makeActor(ds, Role.Supervisor, gt);
    lead = await makeActor(ds, Role.LeadUnitOfficer, leadUnit);
    const c = await makeCase(ds, gt, { phase: 'follow_up', assignedUserId: cw.userId });
    // Due 8 to 9 days before AS_OF, a few minutes apart: every level (1d, 3d, 7d) is due.
    await ds.query(
      `INSERT INTO follow_up (case_id, type, kind, due_at, explain, responsible_user_id, responsible_agency_id,
                              status, version)
       SELECT $1, 'home_visit', 'interval', $2::timestamptz - interval '8 days' - g * interval '5 minutes',
              'test', $3, $4, 'scheduled', 1
         FROM generate_series(1, ${ITEMS}) g`,
      [c.id, AS_OF, cw.userId, gt.id],
    );
  }, 60000);
  afterAll(() => t.close());

  async function reset() {
    await t.dataSource.query(`DELETE FROM notification`);
    await t.dataSource.query(`DELETE FROM escalation`);
    await t.dataSource.query(`UPDATE follow_up SET escalation_level = 0, overdue_since = NULL`);
  }

  async function expectEveryLevelOnce() {
    const [e] = await t.dataSource.query(
      `SELECT count(*)::int AS n, count(DISTINCT (item_id, level))::int AS distinct_n FROM escalation`,
    );
    expect(e).toEqual({ n: ITEMS * 3, distinct_n: ITEMS * 3 });
    const perUser: { user_id: string; level: string; n: number; items: number }[] = await t.dataSource.query(
      `SELECT user_id, level, count(*)::int AS n, count(DISTINCT subject_id)::int AS items
         FROM notification GROUP BY user_id, level ORDER BY level`,
    );
    expect(perUser).toEqual([
      { user_id: cw.userId, level: 'caseworker', n: ITEMS, items: ITEMS },
      { user_id: lead.userId, level: 'lead_unit', n: ITEMS, items: ITEMS },
      { user_id: sup.userId, level: 'supervisor', n: ITEMS, items: ITEMS },
    ]);
    const levels = await t.dataSource.query(
      `SELECT escalation_level, count(*)::int AS n, count(overdue_since)::int AS flagged
         FROM follow_up GROUP BY escalation_level`,
    );
    expect(levels).toEqual([{ escalation_level: 3, n: ITEMS, flagged: ITEMS }]);
  }

  it('reads each item once within a scan and escalates every level', async () => {
    await reset();
    const stats = await scanner.scan(AS_OF, { batchSize: BATCH, lanes: 3 });
    const f = stats.find((s) => s.source === 'follow_up')!;
    expect(f.scanned).toBe(ITEMS);
    expect(f.batches).toBe(Math.ceil(ITEMS / BATCH));
    expect(fired([stats])).toEqual({
      caseworker: ITEMS,
      supervisor: ITEMS,
      lead_unit: ITEMS,
      notifications: ITEMS * 3,
    });
    await expectEveryLevelOnce();

    const again = await scanner.scan(AS_OF, { batchSize: BATCH, lanes: 3 });
    expect(again.find((s) => s.source === 'follow_up')!.scanned).toBe(0);
  });

  it('two scans with lanes at once fire each level of each item exactly once', async () => {
    await reset();
    const both = await Promise.all([
      scanner.scan(AS_OF, { batchSize: BATCH, lanes: 3 }),
      scanner.scan(AS_OF, { batchSize: BATCH, lanes: 2 }),
    ]);
    expect(fired(both)).toEqual({
      caseworker: ITEMS,
      supervisor: ITEMS,
      lead_unit: ITEMS,
      notifications: ITEMS * 3,
    });
    await expectEveryLevelOnce();
  });

  it('one lane still works (the previous sequential scan)', async () => {
    await reset();
    const stats = await scanner.scan(AS_OF, { batchSize: BATCH, lanes: 1 });
    expect(fired([stats]).notifications).toBe(ITEMS * 3);
    await expectEveryLevelOnce();
  });
});
