import { randomUUID } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import { Role } from '../../src/common/role';
import { AuthzService } from '../../src/authz/authz.service';
import { AppError } from '../../src/common/errors/app-error';
import { auditRows } from '../factories/audit.factory';
import { makeCase } from '../factories/cases.factory';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { createTestApp, TestApp } from '../harness/test-app';

const POOL = 3;

/** Fails instead of hanging: a deadlocked pool never answers. */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms);
  });
  return Promise.race([work, hung]).finally(() => clearTimeout(timer));
}

/**
 * A refused request used to write its denial on a second pooled connection while its request
 * transaction still held the first: a burst of refusals as large as the pool (a denial of service
 * against auditing) left every request waiting forever. The denial is now written once the request
 * transaction has ended, or else on the audit writer's own pool.
 */
describe('denials under a burst of refused requests', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { DB_POOL_SIZE: String(POOL), DB_POOL_WAIT_MS: '3000' } });
  });
  afterAll(() => t?.close());

  const setup = async () => {
    const agency = await makeAgency(t.dataSource);
    const owner = await makeActor(t.dataSource, Role.Caseworker, agency);
    const outsider = await makeActor(t.dataSource, Role.Caseworker, agency);
    const caseFile = await makeCase(t.dataSource, agency, { assignedUserId: owner.userId });
    return { url: `/api/v1/cases/${caseFile.id}/assessments`, caseId: caseFile.id, owner, outsider };
  };

  it('answers 3× the pool size of simultaneous refusals 403, each denial committed, and keeps serving', async () => {
    const { url, caseId, owner, outsider } = await setup();
    const token = t.tokenFor(outsider);
    const n = 3 * POOL;
    const answers = await within(
      15_000,
      Promise.all(Array.from({ length: n }, () => t.request('GET', url, { token }))),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(n).fill(403));
    const denials = await auditRows(
      t.dataSource,
      `case_id = $1 AND actor_user_id = $2 AND outcome = 'denied'`,
      [caseId, outsider.userId],
    );
    expect(denials).toHaveLength(n);
    expect((await within(5_000, t.request('GET', url, { token: t.tokenFor(owner) }))).status).toBe(200);
  }, 30_000);

  it('writes denials from transactions that still hold their connection on the audit writer’s own pool', async () => {
    // Transactions outside TransactionRunner (whose denials wait until it ends): all of them at
    // once, each holding a request connection while it writes its denial.
    const { caseId, outsider } = await setup();
    const authz = t.app.get(AuthzService);
    const subjectIds = Array.from({ length: 3 * POOL }, () => randomUUID());
    const outcomes = await within(
      15_000,
      Promise.all(
        subjectIds.map((subjectId) =>
          t.dataSource
            .transaction(async (m) => {
              await m.query('SELECT 1');
              await authz.assert(
                outsider,
                'readRecords',
                'Case',
                { agencyId: randomUUID() },
                { subjectId, caseId },
              );
            })
            .catch((e: unknown) => (e instanceof AppError ? e.code : e)),
        ),
      ),
    );
    expect(outcomes).toEqual(subjectIds.map(() => 'FORBIDDEN'));
    const denials = await auditRows(t.dataSource, `subject_id = ANY($1) AND outcome = 'denied'`, [
      subjectIds,
    ]);
    expect(denials).toHaveLength(subjectIds.length);
  }, 30_000);

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After when no connection frees up within DB_POOL_WAIT_MS', async () => {
    const { url, owner } = await setup();
    const token = t.tokenFor(owner);
    const held: QueryRunner[] = [];
    try {
      for (let i = 0; i < POOL; i++) {
        const runner = t.dataSource.createQueryRunner();
        await runner.connect();
        held.push(runner);
      }
      const res = await within(10_000, t.request('GET', url, { token }));
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    } finally {
      await Promise.all(held.map((r) => r.release()));
    }
    expect((await t.request('GET', url, { token })).status).toBe(200);
  }, 30_000);
});
