import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { OnJob } from '../queues/on-job.decorator';
import { ConsentExpirySweepJob } from './referral.jobs';
import { ReferralConsentRevocation } from './referral-consent-revocation';
import { ReferralsRepository } from './referrals.repository';

/**
 * Expiry ends a consent as withdrawal does: referrals relying on a consent past its `expiresAt`
 * lose access, undelivered ones are cancelled and external recipients get the same notice
 * (`consent_withdrawn`, dated at the expiry). Reads do not wait for this job: the snapshot
 * check tests the consent's expiry itself. Rows are locked, so concurrent sweeps skip each
 * other's work; the notice's job id is per referral, so it is sent once.
 */
@Injectable()
export class ReferralConsentExpirySweep {
  private readonly logger = new Logger(ReferralConsentExpirySweep.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly repo: ReferralsRepository,
    private readonly revocation: ReferralConsentRevocation,
    private readonly clock: Clock,
  ) {}

  @OnJob(ConsentExpirySweepJob)
  async run(): Promise<{ revoked: number }> {
    return { revoked: await this.sweep(this.clock.now()) };
  }

  async sweep(now: Date, batch = 100): Promise<number> {
    let revoked = 0;
    for (;;) {
      const expired = await this.repo.expiredConsents(this.tx.manager, now, batch);
      for (const c of expired)
        revoked += await this.tx.run((m) =>
          this.revocation.revoke(m, c.consentId, 'consent_expired', new Date(c.expiresAt)),
        );
      if (expired.length < batch) break;
    }
    if (revoked) this.logger.log({ count: revoked }, 'ended referral access on expired consents');
    return revoked;
  }
}
