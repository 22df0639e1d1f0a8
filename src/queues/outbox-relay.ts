import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';
import { backoffDelay } from '../database/database-errors';
import { jobDef, QueueName } from './job-catalog';
import { QueueService } from './queue.service';

const RELAY_LOCK = 0x656e6c61; // "enla": one relay at a time across all workers
const BATCH = 500;
/** Longest wait between runs while they keep failing (PostgreSQL or Redis away). */
export const RELAY_MAX_BACKOFF_MS = 30_000;
/** Sent at commit by the transaction that wrote outbox rows (migrations/1795010800000-OutboxNotify.ts). */
export const OUTBOX_CHANNEL = 'outbox_message';

interface Row {
  id: string;
  queue: QueueName;
  job_name: string;
  payload: Record<string, unknown>;
  job_id: string;
  delay_ms: number;
}

/**
 * Moves outbox rows to BullMQ (worker process only). It runs when a transaction that wrote outbox
 * rows commits (LISTEN on a dedicated connection; the rows' trigger sends NOTIFY), and every
 * OUTBOX_POLL_MS as a fallback (a missed notification, the listener reconnecting, another
 * worker's relay holding the lock). Notifications that arrive during a run coalesce into one more
 * run, so a busy system publishes in batches of up to 500 rows.
 *
 * Holds a session advisory lock so that one relay publishes at a time; publishes with the row's
 * job id, so a crash between publishing and marking re-publishes the same id and BullMQ keeps one
 * job. No transaction spans the Redis call.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  /** A notification arrived while a run was under way: run again right after it. */
  private again = false;
  private stopped = false;
  private listener?: Client;
  private listenerRetry?: NodeJS.Timeout;
  /** Runs failed in a row: the next poll waits longer, up to RELAY_MAX_BACKOFF_MS. */
  private failures = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
    this.wake();
  }

  /** Runs the relay now, or right after the current run. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.stopped) return;
      if (this.again) this.wake();
      else this.timer = setTimeout(() => this.wake(), this.nextPollMs());
    });
  }

  /** Publishes batches until the outbox is empty (or another relay holds the lock). */
  private async drain(): Promise<void> {
    try {
      for (;;) {
        this.again = false;
        const n = await this.relayOnce();
        this.failures = 0;
        if (n < BATCH && !this.again) return;
        if (this.stopped) return;
      }
    } catch (e) {
      this.failures++;
      this.logger.warn(
        `outbox relay failed (${this.failures} in a row), backing off: ${(e as Error).message}`,
      );
    }
  }

  /** The poll interval, or an exponential backoff from it while runs keep failing. */
  nextPollMs(): number {
    if (!this.failures) return this.env.outboxPollMs;
    return backoffDelay(
      this.failures + 1,
      this.env.outboxPollMs,
      Math.max(RELAY_MAX_BACKOFF_MS, this.env.outboxPollMs),
    );
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
        for (const r of rows) {
          const list = byQueue.get(r.queue);
          if (list) list.push(r);
          else byQueue.set(r.queue, [r]);
        }
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

  /**
   * LISTEN on a connection of its own (a pooled one would be handed to other work). If it cannot
   * connect or drops, the relay keeps polling and the listener reconnects a few seconds later.
   */
  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.env.databaseUrl, application_name: 'enlace-outbox' });
    const retry = (e: Error) => {
      if (this.listener !== client) return;
      this.listener = undefined;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      this.logger.warn(`outbox listener lost, polling every ${this.env.outboxPollMs} ms: ${e.message}`);
      this.listenerRetry = setTimeout(() => void this.listen().then(() => this.wake()), 2000);
    };
    client.on('error', retry);
    client.on('end', () => retry(new Error('connection ended')));
    client.on('notification', () => this.wake());
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (e) {
      retry(e as Error);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.listenerRetry) clearTimeout(this.listenerRetry);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.running;
  }
}
