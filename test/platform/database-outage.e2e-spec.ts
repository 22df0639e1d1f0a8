import { Client } from 'pg';
import { ApiProcess, startApi } from '../harness/api-process';
import { migratedDatabase, OwnPostgres, startOwnPostgres } from '../harness/own-services';
import { newChildRegistration, seedCaseworker } from '../harness/seed-caseworker';
import { REDIS_URL, TEST_JWT_SECRET, uniqueName } from '../harness/services';
import { join } from 'node:path';
import { dropQueueKeys } from '../../src/queues/queue-keys';

jest.setTimeout(240_000);

interface Result {
  phase: string;
  method: string;
  status: number;
  contentType: string;
  retryAfter: string | null;
  code?: string;
  caseId?: string;
  error?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The API under a registration load against a PostgreSQL the test owns, restarted and then
 * stopped and started again: no request may answer 500; while the database is away the answer
 * is 503 problem+json DATABASE_UNAVAILABLE with Retry-After; afterwards the API recovers by
 * itself and every acknowledged registration is in the database.
 */
describe('PostgreSQL restarted and stopped under a registration load', () => {
  let pg: OwnPostgres;
  let api: ApiProcess;
  let dbUrl: string;
  const queuePrefix = uniqueName('enlace-test');

  beforeAll(async () => {
    pg = await startOwnPostgres();
    dbUrl = await migratedDatabase(pg);
    api = await startApi({
      NODE_ENV: 'test',
      DATABASE_URL: dbUrl,
      REDIS_URL,
      JWT_SECRET: TEST_JWT_SECRET,
      QUEUE_PREFIX: queuePrefix,
      CONFIG_DIR: join(__dirname, '..', '..', 'config'),
      LOG_LEVEL: 'warn',
      DB_POOL_SIZE: '4',
      DB_POOL_WAIT_MS: '2000',
      SHUTDOWN_DRAIN_MS: '0',
    });
  });

  afterAll(async () => {
    await api?.stop('SIGKILL');
    await pg?.destroy();
    await dropQueueKeys(REDIS_URL, queuePrefix).catch(() => undefined);
  });

  it('answers 503 with Retry-After (never 500) while the database is away, then recovers', async () => {
    const { agencyId, token } = await seedCaseworker(dbUrl);
    const auth = { authorization: `Bearer ${token}` };
    const results: Result[] = [];
    let phase = 'before';
    let running = true;

    const call = async (method: 'POST' | 'GET'): Promise<void> => {
      const at = phase;
      try {
        const res =
          method === 'POST'
            ? await fetch(`${api.url}/api/v1/cases`, {
                method,
                headers: { ...auth, 'content-type': 'application/json' },
                body: JSON.stringify(newChildRegistration(agencyId)),
                signal: AbortSignal.timeout(20_000),
              })
            : await fetch(`${api.url}/api/v1/cases?limit=5`, {
                headers: auth,
                signal: AbortSignal.timeout(20_000),
              });
        const text = await res.text();
        let body: { code?: string; case?: { id: string } } = {};
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: recorded by content type
        }
        results.push({
          phase: at,
          method,
          status: res.status,
          contentType: res.headers.get('content-type') ?? '',
          retryAfter: res.headers.get('retry-after'),
          code: body.code,
          caseId: res.status === 201 ? body.case?.id : undefined,
        });
      } catch (e) {
        results.push({
          phase: at,
          method,
          status: 0,
          contentType: '',
          retryAfter: null,
          error: (e as Error).message,
        });
      }
    };
    const loop = async () => {
      while (running) {
        await call('POST');
        await call('GET');
        await sleep(30);
      }
    };
    const loops = Array.from({ length: 4 }, loop);

    await sleep(1500);
    phase = 'restart';
    for (let i = 0; i < 3; i++) {
      await pg.restart();
      await sleep(1000);
    }
    phase = 'stopped';
    await pg.stop('fast');
    await sleep(2500);
    const readyWhileDown = await fetch(`${api.url}/health/ready`);
    const readyBody = (await readyWhileDown.json()) as { checks: { database: { status: string } } };
    phase = 'starting';
    await pg.start();
    await sleep(2500);
    phase = 'after';
    await sleep(2500);
    running = false;
    await Promise.all(loops);

    const byStatus = (rs: Result[]) =>
      rs.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
    const summary = Object.fromEntries(
      ['before', 'restart', 'stopped', 'starting', 'after'].map((p) => [
        p,
        byStatus(results.filter((r) => r.phase === p)),
      ]),
    );

    // Never a 500, never a dropped connection: every answer is a success, a duplicate warning or a 503.
    if (results.some((r) => r.status === 500)) {
      // What the API logged for it (messages of unhandled errors carry no case content).
      console.error(
        api
          .output()
          .split('\n')
          .filter((l) => l.includes('unhandled error'))
          .join('\n'),
      );
    }
    expect({ summary, unexpected: results.filter((r) => ![200, 201, 409, 503].includes(r.status)) }).toEqual({
      summary,
      unexpected: [],
    });
    const unavailable = results.filter((r) => r.status === 503);
    expect(results.filter((r) => r.phase === 'stopped' && r.status === 503).length).toBeGreaterThan(0);
    for (const r of unavailable) {
      expect(r.contentType).toMatch(/^application\/problem\+json/);
      expect(r.code).toBe('DATABASE_UNAVAILABLE');
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
    }
    expect(readyWhileDown.status).toBe(503);
    expect(readyBody.checks.database.status).toBe('down');

    // Recovered by itself: the last phase serves, and readiness is back.
    const after = results.filter((r) => r.phase === 'after');
    expect(after.length).toBeGreaterThan(4);
    expect(after.filter((r) => r.status === 503)).toEqual([]);
    expect((await fetch(`${api.url}/health/ready`)).status).toBe(200);

    // No acknowledged write lost.
    const acked = results.filter((r) => r.caseId).map((r) => r.caseId!);
    expect(acked.length).toBeGreaterThan(0);
    const c = new Client({ connectionString: dbUrl });
    await c.connect();
    try {
      const found = await c.query(`SELECT count(*)::int AS n FROM case_file WHERE id = ANY($1::uuid[])`, [
        acked,
      ]);
      expect(found.rows[0].n).toBe(acked.length);
    } finally {
      await c.end();
    }
    expect(api.proc.exitCode).toBeNull();
  });
});
