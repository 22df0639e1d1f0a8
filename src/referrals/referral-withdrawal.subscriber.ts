import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainEvents } from '../common/domain-events';
import { ReferralConsentRevocation } from './referral-consent-revocation';

/**
 * Consent withdrawn (`consent.withdrawn`, inside the withdrawing transaction): the referrals
 * relying on it lose access at once (ReferralConsentRevocation; expiry goes the same way through
 * ReferralConsentExpirySweep).
 */
@Injectable()
export class ReferralWithdrawalSubscriber implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly revocation: ReferralConsentRevocation,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('consent.withdrawn', async (e, m) => {
      await this.onWithdrawn(m, e.consentId);
    });
  }

  onWithdrawn(m: EntityManager, consentId: string): Promise<number> {
    return this.revocation.revoke(m, consentId, 'consent_withdrawn', this.clock.now());
  }
}
