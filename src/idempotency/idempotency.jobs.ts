import { defineJob, QueueName } from '../queues/job-catalog';
import { defineSchedule } from '../queues/schedule-catalog';

/** Deletes idempotency keys older than IDEMPOTENCY_TTL_HOURS (their stored answers with them). */
export const IdempotencyPurgeJob = defineJob<Record<string, never>>('idempotency.purge', QueueName.System, {
  attempts: 3,
});

export const IdempotencyPurgeSchedule = defineSchedule({
  id: 'idempotency-purge',
  job: IdempotencyPurgeJob,
  everyMs: () => 3_600_000,
});
