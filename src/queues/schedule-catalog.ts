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
