import type { QueryRunner } from 'typeorm';
import { Role } from '../../src/common/role';
import { CaseFile } from '../../src/cases/case-file.entity';
import type { Agency } from '../../src/directory/agency.entity';
import { registerCase } from '../factories/case.factory';
import { makeChild } from '../factories/cases.factory';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { createTestApp, TestApp } from '../harness/test-app';

/**
 * Registrations in one country and agency write the same counters: the case-number counter and
 * the monitoring rollup of open cases. Neither may hold a registration up for the whole length of
 * another one.
 */
/** Names far apart, so the concurrent registrations are not possible duplicates of each other. */
const FIRST = ['Ana', 'Bruno', 'Carmen', 'Diego', 'Elena', 'Fausto', 'Gloria', 'Hugo'];
const LAST = ['Xol', 'Yat', 'Zunun', 'Quej', 'Pop', 'Caal', 'Tzul', 'Ixcoy'];

describe('registration contention', () => {
  let t: TestApp;
  let center: Agency;
  const runners: QueryRunner[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-09-01T12:00:00Z');
    center = await makeAgency(t.dataSource, { type: 'reception_center' });
  });

  afterAll(async () => {
    for (const r of runners) {
      if (r.isTransactionActive) await r.rollbackTransaction().catch(() => undefined);
      await r.release();
    }
    await t.close();
  });

  /** A connection of its own, with the rollup slot its backend writes to. */
  async function connection(): Promise<{ runner: QueryRunner; slot: number }> {
    const runner = t.dataSource.createQueryRunner();
    runners.push(runner);
    await runner.connect();
    const [{ slot }] = await runner.query(`SELECT rollup_slot() AS slot`);
    return { runner, slot };
  }

  async function insertOpenCase(runner: QueryRunner, n: number): Promise<void> {
    const child = await makeChild(t.dataSource, { nationality: 'GT' });
    await runner.manager.insert(CaseFile, {
      caseNumber: `GT-2026-CONT-${n}`,
      countryCode: 'GT',
      agencyId: center.id,
      childId: child.id,
      phase: 'assessment',
      status: 'open',
      riskLevel: 'high',
      returnedAt: new Date('2026-08-15T00:00:00Z'),
      openedAt: new Date('2026-08-15T00:00:00Z'),
      legalBasis: 'best_interests',
    });
  }

  it('two open transactions add a case of the same rollup key without waiting on each other', async () => {
    const a = await connection();
    let b = await connection();
    while (b.slot === a.slot) b = await connection();

    await a.runner.startTransaction();
    await insertOpenCase(a.runner, 1);
    // A still holds its rollup row: B must not wait for it (a 2 s timeout fails the statement).
    await b.runner.startTransaction();
    await b.runner.query(`SET LOCAL lock_timeout = '2s'`);
    await insertOpenCase(b.runner, 2);
    await b.runner.commitTransaction();
    await a.runner.commitTransaction();

    const rows = await t.dataSource.query(
      `SELECT slot, n FROM monitoring_open_case_count
        WHERE agency_id = $1 AND phase = 'assessment' AND risk_level = 'high' ORDER BY slot`,
      [center.id],
    );
    expect(rows).toEqual([
      { slot: Math.min(a.slot, b.slot), n: 1 },
      { slot: Math.max(a.slot, b.slot), n: 1 },
    ]);
  });

  it('the open-cases metric (from the rollup, whole months) sums the slots', async () => {
    const officer = await makeActor(t.dataSource, Role.LeadUnitOfficer, center);
    const res = await t.request(
      'GET',
      `/api/v1/monitoring/open-cases?from=2026-08-01&to=2026-09-01&agencyId=${center.id}`,
      { token: t.tokenFor(officer) },
    );
    expect(res.status).toBe(200);
    const [byPhase, byRisk] = res.body.tables;
    expect(byRisk.rows[0].cells).toMatchObject({ high: 2 });
    expect(byPhase.rows[0].total).toBe(2);
  });

  it('concurrent registrations get consecutive case numbers, none left pending', async () => {
    const cw = await makeActor(t.dataSource, Role.Caseworker, center);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        registerCase(
          t,
          cw,
          center.id,
          {},
          { firstNames: FIRST[i], lastNames: LAST[i], dateOfBirth: `20${10 + i}-0${i + 1}-1${i}` },
        ),
      ),
    );
    const seq = results
      .map((r) => Number(/^GT-2026-(\d{6})$/.exec(r.case.caseNumber)![1]))
      .sort((x, y) => x - y);
    expect(seq).toEqual(Array.from({ length: 8 }, (_, i) => seq[0] + i));
    const [{ pending }] = await t.dataSource.query(
      `SELECT count(*)::int AS pending FROM case_file WHERE case_number LIKE 'pending-%'`,
    );
    expect(pending).toBe(0);
  });
});
