import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job, Worker } from 'bullmq';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';
import { declaredJobs, QueueName } from './job-catalog';
import { ON_JOB } from './on-job.decorator';
import { redisConnection } from './redis';
import { declaredSchedules, installSchedule } from './schedule-catalog';
import { QueueService } from './queue.service';

type Handler = (payload: any, job: Job) => Promise<unknown>;

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

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly queues: QueueService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const handlers = collectHandlers(this.discovery, this.scanner, this.reflector);
    for (const queue of Object.values(QueueName)) {
      const worker = new Worker(
        queue,
        async (job: Job) => {
          const handler = handlers.get(job.name);
          if (!handler) throw new Error(`no handler for ${job.name}`);
          return handler(job.data, job);
        },
        {
          connection: redisConnection(this.env, 'worker'),
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

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(`worker stopping (${signal ?? 'shutdown'}): waiting for in-flight jobs`);
    await Promise.all(this.workers.map((w) => w.close()));
    this.logger.log('worker stopped');
  }
}
