import type { Queue } from 'bullmq';
import type { Env } from '../config/env';
import type { JobDef } from './job-catalog';

export interface ScheduleDef {
  id: string;
  job: JobDef<any>;
  /** Interval in ms, possibly read from configuration. */
  everyMs: (env: Env) => number;
  payload?: Record<string, unknown>;
}

const schedules = new Map<string, ScheduleDef>();

/**
 * Declares a recurring job. The worker upserts a BullMQ job scheduler for each at start-up
 * (idempotent across restarts and replicas); the tick only enqueues, the job does the work.
 */
export function defineSchedule(def: ScheduleDef): ScheduleDef {
  schedules.set(def.id, def);
  return def;
}

export function declaredSchedules(): ScheduleDef[] {
  return [...schedules.values()];
}

/**
 * Upserts one schedule's BullMQ job scheduler. BullMQ 6 keeps a scheduler's slot offset (a
 * remainder of the interval it was created with) when `every` changes; once a run ends later
 * than the next tick, the next one is aligned on that stale offset and lands up to the old
 * interval away (a 5-minute scan moved to 2 s next ran 182 s later). A scheduler whose interval
 * changed, or whose offset does not fit its interval, is therefore removed and created afresh.
 */
export async function installSchedule(queue: Queue, def: ScheduleDef, env: Env): Promise<void> {
  const every = def.everyMs(env);
  const existing = await queue.getJobScheduler(def.id);
  if (existing && (Number(existing.every) !== every || Number(existing.offset ?? 0) >= every)) {
    await queue.removeJobScheduler(def.id);
  }
  await queue.upsertJobScheduler(
    def.id,
    { every },
    { name: def.job.name, data: def.payload ?? {}, opts: def.job.defaults },
  );
}
