import { ENV } from '../../src/config/env.module';
import type { Env } from '../../src/config/env';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { OutboxRelay } from '../../src/queues/outbox-relay';
import { OutboxService } from '../../src/queues/outbox.service';
import { PingJob } from '../../src/queues/system.jobs';
import { eventually } from '../harness/queues';
import { createTestApp, TestApp } from '../harness/test-app';

/**
 * The relay publishes when the transaction that wrote the outbox row commits (LISTEN/NOTIFY),
 * not at its next poll: the poll here is one minute, longer than the test allows.
 */
describe('outbox relay: woken by the committing transaction', () => {
  let t: TestApp;
  let relay: OutboxRelay;
  const POLL_MS = 60000;

  beforeAll(async () => {
    t = await createTestApp({ env: { OUTBOX_POLL_MS: String(POLL_MS) } });
    relay = new OutboxRelay(t.dataSource, t.queues, { ...t.app.get<Env>(ENV), outboxPollMs: POLL_MS });
    await relay.onApplicationBootstrap();
    // The first run (at start) found nothing; from now on only a notification can publish.
    await eventually(
      () =>
        t.dataSource.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN outbox_message'`,
        ),
      (r) => r[0].n === 1,
    );
  });
  afterAll(async () => {
    await relay?.onApplicationShutdown();
    await t.close();
  });

  const enqueue = (n: number, rollback = false) =>
    t.app
      .get(TransactionRunner)
      .run(async (m) => {
        const ids: string[] = [];
        for (let i = 0; i < n; i++) {
          ids.push(await t.app.get(OutboxService).enqueue(m, PingJob, { sentAt: new Date().toISOString() }));
        }
        if (rollback) throw new Error('rolled back');
        return ids;
      })
      .catch((e: Error) => {
        if (e.message === 'rolled back') return [] as string[];
        throw e;
      });
  const published = async (ids: string[]) => {
    const jobs = await Promise.all(ids.map((id) => t.queues.queue(PingJob.queue).getJob(id)));
    return jobs.filter(Boolean).length;
  };

  it('publishes committed rows within a second or two, well before the next poll', async () => {
    const started = Date.now();
    const ids = await enqueue(3);
    await eventually(
      () => published(ids),
      (n) => n === 3,
      15000,
    );
    expect(Date.now() - started).toBeLessThan(POLL_MS / 3);
    const [row] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_message WHERE published_at IS NULL`,
    );
    expect(row.n).toBe(0);
  });

  it('publishes a rolled-back transaction’s rows never (no row, no notification)', async () => {
    await enqueue(2, true);
    const [row] = await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox_message`);
    expect(row.n).toBe(3);
  });

  it('a burst of small transactions is published in full, each job once', async () => {
    const batches = await Promise.all(Array.from({ length: 40 }, () => enqueue(5)));
    const ids = batches.flat();
    await eventually(
      () => published(ids),
      (n) => n === 200,
      30000,
    );
    const counts = await t.queues.queue(PingJob.queue).getJobCounts('waiting');
    expect(counts.waiting).toBe(203);
  });

  it('listens again after its connection is cut, and is woken as before', async () => {
    const [cut] = await t.dataSource.query(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'enlace-outbox'`,
    );
    expect(cut.n).toBe(1);
    await eventually(
      () =>
        t.dataSource.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN outbox_message' AND state = 'idle'`,
        ),
      (r) => r[0].n === 1,
      10000,
    );
    const ids = await enqueue(1);
    await eventually(
      () => published(ids),
      (n) => n === 1,
      15000,
    );
  });
});
