import { defineJob, QueueName } from '../queues/job-catalog';

/** Builds the CSV of an export_file row (queued through the outbox with the row). */
export const BuildMonitoringExport = defineJob<{ exportId: string }>(
  'monitoring.export.build',
  QueueName.Exports,
  {
    attempts: 3,
  },
);
