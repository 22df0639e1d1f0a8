import type { JobsOptions } from 'bullmq';

/** The queues Enlace uses. A job runs on exactly one of them. */
export const QueueName = {
  System: 'system',
  Referrals: 'referrals',
  Monitoring: 'monitoring',
  Notifications: 'notifications',
  Exports: 'exports',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export interface JobDef<P> {
  readonly name: string;
  readonly queue: QueueName;
  readonly defaults: JobsOptions;
  /** Phantom field carrying the payload type. */
  readonly _payload?: P;
}

const jobs = new Map<string, JobDef<unknown>>();

/**
 * Declares a job once, next to its processor: `export const DeliverReferral =
 * defineJob<{ referralId: string }>('referral.deliver', QueueName.Referrals)`. The worker
 * refuses to start when a declared job has no handler, or two.
 */
export function defineJob<P>(name: string, queue: QueueName, defaults: JobsOptions = {}): JobDef<P> {
  if (jobs.has(name)) throw new Error(`Job ${name} is declared twice`);
  const def: JobDef<P> = {
    name,
    queue,
    defaults: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 86400, count: 10000 },
      removeOnFail: { age: 7 * 86400 },
      ...defaults,
    },
  };
  jobs.set(name, def as JobDef<unknown>);
  return def;
}

export function declaredJobs(): JobDef<unknown>[] {
  return [...jobs.values()];
}

export function jobDef(name: string): JobDef<unknown> | undefined {
  return jobs.get(name);
}
