import { Inject, Injectable } from '@nestjs/common';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';

/**
 * The one source of "now" for domain logic (due dates, overdue scans, token expiry), so tests and
 * demos can pin or move time. SQL must take the time as a parameter from here, not use now().
 */
@Injectable()
export class Clock {
  private fixed?: number;
  private offsetMs = 0;

  constructor(@Inject(ENV) env: Env) {
    if (env.clockFixedAt) this.fixed = Date.parse(env.clockFixedAt);
  }

  now(): Date {
    return new Date((this.fixed ?? Date.now()) + this.offsetMs);
  }

  /** Test helper: freeze time at the given instant. */
  set(at: Date | string): void {
    this.fixed = new Date(at).getTime();
    this.offsetMs = 0;
  }

  /** Test helper: move time forward (or back with a negative value). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
