import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job, Worker } from 'bullmq';
import { ENV } from '../config/env.module';
import { databaseFailure, retryTransient } from '../database/database-errors';
import type { Env } from '../config/env';
import { declaredJobs, QueueName } from './job-catalog';
import { ON_JOB } from './on-job.decorator';
import { redisConnection, RedisConnection } from './redis';
import { declaredSchedules, installSchedule } from './schedule-catalog';
import { QueueService } from './queue.service';

type Handler = (payload: any, job: Job) => Promise<unknown>;

/** Backoff of a scheduled job meeting a transient database failure: 5 attempts over about 15 s. */
export const SCHEDULED_JOB_RETRY = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 8000 };

/** Finds every `@OnJob` handler, refuses to start on a missing or doubled handler. */
export function collectHandlers(discovery: DiscoveryService, scanner: MetadataScanner, reflector: Reflector) {
  const handlers = new Map<string, Handler[]>();
  for (const wrapper of discovery.getProviders()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || typeof instance !== 'object') continue;
    const proto = Object.getPrototypeOf(instance);
    for (const method of scanner.getAllMethodNames(proto)) {
      const name = reflector.get<string>(ON_JOB, proto[method]);
      if (name)
        handlers.set(name, [...(handlers.get(name) ?? []), (proto[method] as Handler).bind(instance)]);
    }
  }
  const problems: string[] = [];
  for (const def of declaredJobs()) {
    const n = handlers.get(def.name)?.length ?? 0;
    if (n === 0) problems.push(`job ${def.name} has no handler`);
    if (n > 1) problems.push(`job ${def.name} has ${n} handlers`);
  }
  for (const name of handlers.keys()) {
    if (!declaredJobs().some((d) => d.name === name)) problems.push(`handler for undeclared job ${name}`);
  }
  if (problems.length) throw new Error(`Job handlers are inconsistent: ${problems.join('; ')}`);
  return new Map([...handlers].map(([k, v]) => [k, v[0]]));
}

/**
 * The consuming side, in the worker process only: one BullMQ Worker per queue, dispatching by job
 * name. On SIGTERM `close()` lets in-flight jobs finish before the process exits.
 */
@Injectable()
export class WorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerService.name);
  private readonly workers: Worker[] = [];
  private readonly connections: RedisConnection[] = [];
  /** Job handlers running now (BullMQ cannot tell while Redis is away). */
  private inFlight = 0;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly queues: QueueService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const handlers = collectHandlers(this.discovery, this.scanner, this.reflector);
    const scheduled = new Set(declaredSchedules().map((s) => s.job.name));
    for (const queue of Object.values(QueueName)) {
      const connection = redisConnection(this.env, 'worker');
      this.connections.push(connection);
      const worker = new Worker(
        queue,
        async (job: Job) => {
          const handler = handlers.get(job.name);
          if (!handler) throw new Error(`no handler for ${job.name}`);
          this.inFlight++;
          try {
            if (!scheduled.has(job.name)) return await handler(job.data, job);
            // Scheduled scans and sweeps read the state as it stands, so running one again is
            // safe: a database blip is waited out here rather than failing the tick.
            return await retryTransient(() => handler(job.data, job), {
              ...SCHEDULED_JOB_RETRY,
              onRetry: (e, attempt, delayMs) =>
                this.logger.warn(
                  { job: job.name, jobId: job.id, attempt, delayMs, failure: databaseFailure(e) },
                  'database unavailable: scheduled job retried',
                ),
            });
          } finally {
            this.inFlight--;
          }
        },
        {
          connection,
          prefix: this.env.queuePrefix,
          concurrency: this.env.workerConcurrency,
          // Stalled jobs (their worker died) are checked as often as a lock lasts.
          lockDuration: this.env.workerLockMs,
          stalledInterval: this.env.workerLockMs,
        },
      );
      worker.on('error', (e) => this.logger.warn(`worker ${queue}: ${e.message}`));
      worker.on('failed', (job, e) => {
        if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
          this.logger.warn(
            { job: job.name, jobId: job.id, attempts: job.attemptsMade, error: e.message },
            'job exhausted its attempts',
          );
        }
      });
      this.workers.push(worker);
    }
    for (const s of declaredSchedules()) await installSchedule(this.queues.queue(s.job.queue), s, this.env);
    this.logger.log(`worker ready: ${handlers.size} job types, ${declaredSchedules().length} schedules`);
  }

  /** Every queue's consumer is running (false before start-up and once closing). */
  consumersRunning(): boolean {
    return this.workers.length > 0 && this.workers.every((w) => w.isRunning());
  }

  /**
   * Stops taking jobs and waits for the handlers in flight. BullMQ's close() also waits for Redis
   * to record their results, and never settles while Redis is away; so once no handler runs and
   * Redis is unreachable, the worker stops without it (a job whose result could not be recorded
   * is picked up again by a worker when its lock expires). SHUTDOWN_TIMEOUT_MS (worker.ts) still
   * bounds the whole stop.
   */
  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(`worker stopping (${signal ?? 'shutdown'}): waiting for in-flight jobs`);
    let settled = false;
    const closing = Promise.all(this.workers.map((w) => w.close())).finally(() => (settled = true));
    while (!settled) {
      await Promise.race([closing, new Promise((r) => setTimeout(r, 100))]);
      if (!settled && this.inFlight === 0 && !this.redisReachable()) {
        this.logger.warn('worker stopping: Redis unreachable and no job in flight, not waiting for it');
        for (const c of this.connections) c.disconnect();
        return;
      }
    }
    this.logger.log('worker stopped');
  }

  private redisReachable(): boolean {
    return this.connections.every((c) => c.status === 'ready');
  }
}
