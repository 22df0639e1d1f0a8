import type { QueueService } from '../../src/queues/queue.service';
import type { DataSource } from 'typeorm';

/**
 * Waits until the outbox is published and every queue is empty (no waiting, active or delayed
 * jobs), then returns. Fails with the remaining counts after `timeoutMs`.
 */
export async function waitForQueuesToDrain(
  queues: QueueService,
  dataSource?: DataSource,
  timeoutMs = 20000,
  opts: { includeDelayed?: boolean } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const pending = dataSource
      ? Number(
          (
            await dataSource.query('SELECT count(*)::int AS n FROM outbox_message WHERE published_at IS NULL')
          )[0].n,
        )
      : 0;
    const states =
      opts.includeDelayed === false
        ? ['waiting', 'active', 'prioritized']
        : ['waiting', 'active', 'delayed', 'prioritized'];
    const counts = await Promise.all(
      queues.allQueues().map(async (q) => [q.name, await q.getJobCounts(...(states as never[]))] as const),
    );
    const busy = counts.filter(([, c]) => Object.values(c).some((n) => n > 0));
    if (!pending && !busy.length) return;
    last = JSON.stringify({ outbox: pending, queues: Object.fromEntries(busy) });
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`queues did not drain in ${timeoutMs} ms: ${last}`);
}

export async function eventually<T>(
  fn: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 15000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let v = await fn();
  while (!ok(v)) {
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
    v = await fn();
  }
  return v;
}
