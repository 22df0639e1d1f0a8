import { Injectable } from '@nestjs/common';
import { OnJob } from './on-job.decorator';
import { PingJob } from './system.jobs';

@Injectable()
export class SystemJobsProcessor {
  @OnJob(PingJob)
  async ping(payload: { sentAt: string; holdMs?: number }): Promise<{ sentAt: string; processedAt: string }> {
    // holdMs lets the shutdown test keep a job in flight while the worker is told to stop.
    if (payload.holdMs) await new Promise((r) => setTimeout(r, Math.min(payload.holdMs ?? 0, 30_000)));
    return { sentAt: payload.sentAt, processedAt: new Date().toISOString() };
  }
}
