import { randomUUID } from 'node:crypto';
import type { Actor } from '../../src/common/actor';
import { Role } from '../../src/common/role';
import { AuditService } from '../../src/audit-trail/audit.service';
import { verifyChain } from '../../src/audit/audit-chain.verifier';
import { readChainBatch } from '../../src/audit/audit.repository';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { auditRows, sealAudit } from '../factories/audit.factory';
import { createTestApp, TestApp } from '../harness/test-app';

/** Many writers at once: one gap-free chain, and a rolled-back transaction leaves no trace. */
describe('audit chain under concurrent writers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { DB_POOL_SIZE: '10' } });
  });
  afterAll(() => t?.close());

  it('stays valid with 20 parallel transactions, some of which roll back', async () => {
    const audit = t.app.get(AuditService);
    const tx = t.app.get(TransactionRunner);
    const actor = (i: number): Actor => ({
      userId: randomUUID(),
      role: Role.Caseworker,
      agencyId: randomUUID(),
      countryCode: i % 2 ? 'GT' : 'HN',
      language: 'es',
    });
    const failing = new Set([3, 7, 11, 15, 19]);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        tx.run(async (m) => {
          const a = actor(i);
          for (let k = 0; k < 3; k++) {
            await m.query('SELECT pg_sleep(0.002)'); // interleave with the other writers
            await audit.record(m, {
              actor: a,
              action: failing.has(i) ? 'probe.rolled_back' : 'probe.committed',
              subjectType: 'Probe',
              subjectId: `${i}-${k}`,
            });
          }
          if (failing.has(i)) throw new Error('roll back');
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(5);
    // Denials and reads written on their own at the same time join the same chain.
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => audit.recordAlone({ actor: actor(i), action: 'probe.alone' })),
    );

    // The sequencer (worker) seals committed rows into the chain; here, once they are all in.
    await sealAudit(t.env.DATABASE_URL);
    const rows = await auditRows(t.dataSource);
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1)); // no gap
    expect(rows.filter((r) => r.action === 'probe.committed')).toHaveLength(45);
    expect(rows.filter((r) => r.action === 'probe.rolled_back')).toHaveLength(0);
    expect(rows.filter((r) => r.action === 'probe.alone')).toHaveLength(10);
    const verdict = await verifyChain((after, n) => readChainBatch(t.dataSource, after, n), 7);
    expect(verdict).toMatchObject({ ok: true, checked: rows.length });
  });
});
