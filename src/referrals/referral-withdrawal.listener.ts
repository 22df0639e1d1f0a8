import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { DomainEvents } from '../common/domain-events';
import { OutboxService } from '../queues/outbox.service';
import { WithdrawalNoticeJob, withdrawalJobId } from './referral.jobs';
import { ReferralTransitions } from './referral-transitions.service';
import { ReferralsRepository } from './referrals.repository';

/**
 * Consent withdrawn (`consent.withdrawn`, inside the withdrawing transaction): every referral
 * relying on it loses snapshot access at once; drafts, queued and failed deliveries are
 * cancelled (nothing more leaves); external recipients that may hold a snapshot (delivered, or
 * possibly in flight), finished referrals included, get a withdrawal notice through the outbox.
 */
@Injectable()
export class ReferralWithdrawalListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly repo: ReferralsRepository,
    private readonly transitions: ReferralTransitions,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('consent.withdrawn', async (e, m) => {
      await this.onWithdrawn(m, e.consentId);
    });
  }

  async onWithdrawn(m: EntityManager, consentId: string): Promise<number> {
    const now = this.clock.now();
    const referrals = await this.repo.relyingOnConsent(m, consentId);
    for (const r of referrals) {
      // Anything an external system may have received, even if finished since, must be deleted there.
      const mayHoldSnapshot =
        r.external && (r.deliveredAt !== null || r.status === 'dispatched' || r.status === 'delivery_failed');
      r.accessRevokedAt = now;
      if (['draft', 'dispatched', 'delivery_failed'].includes(r.status))
        await this.transitions.apply(m, r, 'cancel', { source: 'system', reason: 'consent_withdrawn' });
      else await this.repo.save(m, r);
      if (mayHoldSnapshot)
        await this.outbox.enqueue(
          m,
          WithdrawalNoticeJob,
          { referralId: r.id, withdrawnAt: now.toISOString() },
          { jobId: withdrawalJobId(r.id) },
        );
      await this.audit.record(m, {
        action: 'referral.access_revoked',
        subjectType: 'Referral',
        subjectId: r.id,
        caseId: r.caseId,
        purpose: 'consent_withdrawn',
      });
    }
    return referrals.length;
  }
}
