import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock';
import { loadReferralDeliveryEnv } from '../config/env';
import { TransactionRunner } from '../database/transaction-runner';
import { OnJob } from '../queues/on-job.decorator';
import { OutboxService } from '../queues/outbox.service';
import { DeliverReferralJob, deliverJobId, RedeliverySweepJob } from './referral.jobs';
import { ReferralsRepository } from './referrals.repository';

/**
 * A safety net for jobs lost inside Redis after the relay published them (e.g. Redis restarted
 * without persistence): referrals still `dispatched`, without a delivery, well after every retry
 * should have ended, get a fresh delivery job through the outbox. Deliveries are idempotent, so a
 * job that was only slow cannot deliver twice.
 */
@Injectable()
export class ReferralRedeliverySweep {
  private readonly logger = new Logger(ReferralRedeliverySweep.name);
  /** Longer than a whole retry cycle: every backoff delay plus every attempt's timeout, twice. */
  static readonly staleAfterMs = (() => {
    const c = loadReferralDeliveryEnv();
    return 2 * (c.backoffMs * 2 ** c.attempts + c.attempts * c.timeoutMs);
  })();

  constructor(
    private readonly tx: TransactionRunner,
    private readonly repo: ReferralsRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  @OnJob(RedeliverySweepJob)
  async run(): Promise<{ requeued: number }> {
    return { requeued: await this.sweep(this.clock.now()) };
  }

  async sweep(now: Date, batch = 500): Promise<number> {
    const cutoff = new Date(now.getTime() - ReferralRedeliverySweep.staleAfterMs);
    return this.tx.run(async (m) => {
      const stale = await this.repo.staleDispatched(m, cutoff, batch);
      for (const r of stale) {
        await this.outbox.enqueue(
          m,
          DeliverReferralJob,
          { referralId: r.id, version: r.snapshotVersion, round: r.deliveryRound },
          { jobId: `${deliverJobId(r.id, r.snapshotVersion, r.deliveryRound)}.sweep${now.getTime()}` },
        );
        await this.repo.touch(m, r.id, now);
      }
      if (stale.length)
        this.logger.warn({ count: stale.length }, 'requeued referral deliveries that went missing');
      return stale.length;
    });
  }
}
