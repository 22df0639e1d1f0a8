import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';
import { jobDef, QueueName } from './job-catalog';
import { QueueService } from './queue.service';

const RELAY_LOCK = 0x656e6c61; // "enla": one relay at a time across all workers
const BATCH = 500;

interface Row {
  id: string;
  queue: QueueName;
  job_name: string;
  payload: Record<string, unknown>;
  job_id: string;
  delay_ms: number;
}

/**
 * Moves outbox rows to BullMQ (worker process only). Holds a session advisory lock so that one
 * relay publishes at a time; publishes with the row's job id, so a crash between publishing and
 * marking re-publishes the same id and BullMQ keeps one job. No transaction spans the Redis call.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.relayOnce()
        .catch((e: unknown) => {
          this.logger.warn(`outbox relay failed, will retry: ${(e as Error).message}`);
          return 0;
        })
        .then((n) => {
          // Drain quickly while there is a backlog, then poll.
          this.schedule(n === BATCH ? 0 : this.env.outboxPollMs);
          return n;
        });
    }, ms);
  }

  /** Publishes one batch; returns how many rows it published. */
  async relayOnce(): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [RELAY_LOCK]);
      if (!locked) return 0;
      try {
        const rows: Row[] = await runner.query(
          `SELECT id, queue, job_name, payload, job_id, delay_ms FROM outbox_message
            WHERE published_at IS NULL ORDER BY id LIMIT ${BATCH}`,
        );
        if (!rows.length) return 0;
        const byQueue = new Map<QueueName, Row[]>();
        for (const r of rows) byQueue.set(r.queue, [...(byQueue.get(r.queue) ?? []), r]);
        for (const [queue, batch] of byQueue) {
          await this.queues.queue(queue).addBulk(
            batch.map((r) => ({
              name: r.job_name,
              data: r.payload,
              opts: {
                ...(jobDef(r.job_name)?.defaults ?? {}),
                jobId: r.job_id,
                delay: r.delay_ms || undefined,
              },
            })),
          );
        }
        await runner.query('UPDATE outbox_message SET published_at = now() WHERE id = ANY($1::bigint[])', [
          rows.map((r) => r.id),
        ]);
        return rows.length;
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [RELAY_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
