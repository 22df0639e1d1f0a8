import { durationMs } from '../config/env';
import { defineJob, QueueName } from '../queues/job-catalog';
import { defineSchedule } from '../queues/schedule-catalog';

/**
 * One pass over every overdue source. `asOf` (ISO instant) pins the scan's "now"; without it
 * the worker's Clock decides. Running it twice, or in two workers at once, fires nothing twice.
 */
export const OverdueScanJob = defineJob<{ asOf?: string }>('escalation.overdue-scan', QueueName.Monitoring, {
  attempts: 3,
});

/** The worker's job scheduler enqueues a scan every OVERDUE_SCAN_EVERY (default 5m). */
export const OverdueScanSchedule = defineSchedule({
  id: 'overdue-scan',
  job: OverdueScanJob,
  everyMs: (env) => durationMs(env.overdueScanEvery),
});
