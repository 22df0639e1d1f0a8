import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { nextStatus, ReferralEvent } from './referral-lifecycle';
import { ReferralErrors } from './referral.errors';
import { Referral } from './referral.entity';
import { ReferralsRepository } from './referrals.repository';

export interface TransitionBy {
  source: 'user' | 'external' | 'system';
  userId?: string | null;
  agencyId?: string | null;
  reason?: string | null;
}

/**
 * Applies a lifecycle event to a locked referral: checks it against REFERRAL_TRANSITIONS, stamps
 * the matching timestamp and writes the history row, in the caller's transaction.
 */
@Injectable()
export class ReferralTransitions {
  constructor(
    private readonly repo: ReferralsRepository,
    private readonly clock: Clock,
  ) {}

  can(r: Referral, event: ReferralEvent): boolean {
    return nextStatus(r.status, event) !== undefined;
  }

  async apply(m: EntityManager, r: Referral, event: ReferralEvent, by: TransitionBy): Promise<Referral> {
    const to = nextStatus(r.status, event);
    if (!to) throw ReferralErrors.INVALID_TRANSITION({ status: r.status, event });
    const now = this.clock.now();
    const from = r.status;
    r.status = to;
    if (event === 'dispatch' || event === 'retry_delivery') r.dispatchedAt = r.dispatchedAt ?? now;
    if (event === 'deliver') r.deliveredAt = now;
    if (event === 'accept' || event === 'reject') r.respondedAt = now;
    if (event === 'complete') r.completedAt = now;
    if (['reject', 'cancel', 'fail_delivery'].includes(event)) r.statusReason = by.reason ?? null;
    if (event === 'retry_delivery') r.statusReason = null;
    const saved = await this.repo.save(m, r);
    await this.repo.insertHistory(m, {
      referralId: r.id,
      fromStatus: from,
      toStatus: to,
      reason: by.reason ?? null,
      source: by.source,
      actorUserId: by.userId ?? null,
      actorAgencyId: by.agencyId ?? null,
      occurredAt: now,
    });
    return saved;
  }
}
