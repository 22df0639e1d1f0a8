import { Injectable } from '@nestjs/common';
import { OnJob } from '../queues/on-job.decorator';
import { IdempotencyPurgeJob } from './idempotency.jobs';
import { IdempotencyStore } from './idempotency.store';

@Injectable()
export class IdempotencyPurgeProcessor {
  constructor(private readonly store: IdempotencyStore) {}

  @OnJob(IdempotencyPurgeJob)
  async purge(): Promise<{ deleted: number }> {
    return { deleted: await this.store.purgeExpired() };
  }
}
