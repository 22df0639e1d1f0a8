import { TransactionRunner } from '../../src/database/transaction-runner';
import { createTestApp, TestApp } from '../harness/test-app';

/**
 * Two transactions through TransactionRunner that lock two rows in opposite orders: PostgreSQL
 * picks one as the deadlock victim (40P01) and rolls it back; the runner runs it again, so both
 * succeed and each change is applied exactly once.
 */
describe('TransactionRunner and lost races', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.dataSource.query('CREATE TABLE conflict_probe (id int PRIMARY KEY, n int NOT NULL)');
    await t.dataSource.query('INSERT INTO conflict_probe VALUES (1, 0), (2, 0)');
  });
  afterAll(() => t.close());

  it('runs the deadlock victim again and both transactions commit once', async () => {
    const runner = t.app.get(TransactionRunner);
    let attempts = 0;
    let arrived = 0;
    let release!: () => void;
    const bothHoldOneRow = new Promise<void>((r) => (release = r));
    const crossing = (first: number, second: number) =>
      runner.run(async (m) => {
        attempts++;
        await m.query('UPDATE conflict_probe SET n = n + 1 WHERE id = $1', [first]);
        if (++arrived === 2) release();
        await bothHoldOneRow;
        await m.query('UPDATE conflict_probe SET n = n + 1 WHERE id = $1', [second]);
      });
    const results = await Promise.allSettled([crossing(1, 2), crossing(2, 1)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(attempts).toBe(3);
    const rows = await t.dataSource.query('SELECT id, n FROM conflict_probe ORDER BY id');
    expect(rows).toEqual([
      { id: 1, n: 2 },
      { id: 2, n: 2 },
    ]);
  });
});
