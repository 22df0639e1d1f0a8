import { QueueName, defineJob } from './job-catalog';

/** A no-op round trip through the queue, used by the smoke test and by operators. */
export const PingJob = defineJob<{ sentAt: string; holdMs?: number }>('system.ping', QueueName.System, {
  attempts: 1,
});
