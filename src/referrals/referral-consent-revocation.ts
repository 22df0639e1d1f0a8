import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit-trail/audit.service';
import { OutboxService } from '../queues/outbox.service';
import { WithdrawalNoticeJob, withdrawalJobId } from './referral.jobs';
import { ReferralTransitions } from './referral-transitions';
import { ReferralsRepository } from './referrals.repository';

/** Why a consent stopped standing: withdrawn by the family, or past its `expiresAt`. */
export type ConsentEnd = 'consent_withdrawn' | 'consent_expired';

/**
 * What happens to referrals when the consent they rely on ends, withdrawn or expired alike:
 * every one loses snapshot access; drafts, queued and failed deliveries are cancelled (nothing
 * more leaves); external recipients that may hold a snapshot (delivered, or possibly in flight),
 * finished referrals included, get the withdrawal notice through the outbox.
 */
@Injectable()
export class ReferralConsentRevocation {
  constructor(
    private readonly repo: ReferralsRepository,
    private readonly transitions: ReferralTransitions,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** Ends access for every referral on the consent not yet revoked; `endedAt` goes in the notice. */
  async revoke(m: EntityManager, consentId: string, why: ConsentEnd, endedAt: Date): Promise<number> {
    const referrals = await this.repo.relyingOnConsent(m, consentId);
    for (const r of referrals) {
      // Anything an external system may have received, even if finished since, must be deleted there.
      const mayHoldSnapshot =
        r.external && (r.deliveredAt !== null || r.status === 'dispatched' || r.status === 'delivery_failed');
      r.accessRevokedAt = endedAt;
      if (['draft', 'dispatched', 'delivery_failed'].includes(r.status))
        await this.transitions.apply(m, r, 'cancel', { source: 'system', reason: why });
      else await this.repo.save(m, r);
      if (mayHoldSnapshot)
        await this.outbox.enqueue(
          m,
          WithdrawalNoticeJob,
          { referralId: r.id, withdrawnAt: endedAt.toISOString() },
          { jobId: withdrawalJobId(r.id) },
        );
      await this.audit.record(m, {
        action: 'referral.accessRevoked',
        subjectType: 'Referral',
        subjectId: r.id,
        caseId: r.caseId,
        purpose: why,
      });
    }
    return referrals.length;
  }
}
