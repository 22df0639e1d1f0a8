import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { JobDef } from './job-catalog';
import { OutboxMessage } from './outbox-message.entity';

/** Writes jobs to the outbox inside the caller's transaction; the worker's relay publishes them. */
@Injectable()
export class OutboxService {
  async enqueue<P>(
    manager: EntityManager,
    def: JobDef<P>,
    payload: P,
    opts: { jobId?: string; delayMs?: number } = {},
  ): Promise<string> {
    const jobId = opts.jobId ?? `${def.name}.${randomUUID()}`;
    if (jobId.includes(':')) throw new Error('job ids must not contain ":"');
    await manager.insert(OutboxMessage, {
      queue: def.queue,
      jobName: def.name,
      payload: payload as any,
      jobId,
      delayMs: opts.delayMs ?? 0,
    });
    return jobId;
  }
}
