import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { AuditService } from '../audit-trail/audit.service';
import { CommonErrors } from '../common/errors/common.errors';
import { TransactionRunner } from '../database/transaction-runner';
import { OutboxService } from '../queues/outbox.service';
import { AMENDABLE_STATUSES } from './referral-lifecycle';
import { DeliverReferralJob, deliverJobId } from './referral.jobs';
import { AmendReferralDto, ReasonDto } from './referral.dto';
import { ReferralErrors } from './referral.errors';
import { ReferralDispatcher } from './referral-dispatcher';
import { ReferralSharingRules } from './sharing/referral-sharing-rules';
import { ReferralTransitions } from './referral-transitions';
import { senderView } from './referral-views';
import { ReferralsRepository } from './referrals.repository';

/** The sender's changes after creation: amendments (a new snapshot version) and cancellation. */
@Injectable()
export class ReferralAmendService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly dispatcher: ReferralDispatcher,
    private readonly sharing: ReferralSharingRules,
    private readonly transitions: ReferralTransitions,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly repo: ReferralsRepository,
  ) {}

  /**
   * Re-checks the sharing rules and freezes a new snapshot version. A referral already sent is
   * delivered again with the new version (its own idempotency key); the old version stays.
   */
  amend(actor: Actor, id: string, dto: AmendReferralDto) {
    if (dto.categories) this.sharing.validateTerms({ categories: dto.categories });
    return this.tx.run(async (m) => {
      const r = await this.dispatcher.load(m, actor, 'amend', id);
      if (r.version !== dto.version)
        throw CommonErrors.STALE_VERSION({ expected: dto.version, actual: r.version });
      if (!AMENDABLE_STATUSES.includes(r.status))
        throw ReferralErrors.INVALID_TRANSITION({ status: r.status, event: 'amend' });
      if (r.accessRevokedAt) throw ReferralErrors.CONSENT_WITHDRAWN();
      if (dto.reason) r.reason = dto.reason;
      if (dto.categories) r.requestedCategories = [...new Set(dto.categories)];
      await this.dispatcher.refreshSnapshot(m, actor, r, true);
      await this.repo.save(m, r);
      if (r.status !== 'draft')
        await this.outbox.enqueue(
          m,
          DeliverReferralJob,
          { referralId: r.id, version: r.snapshotVersion, round: r.deliveryRound },
          { jobId: deliverJobId(r.id, r.snapshotVersion, r.deliveryRound) },
        );
      await this.audit.record(m, {
        action: 'referral.amend',
        subjectType: 'Referral',
        subjectId: r.id,
        caseId: r.caseId,
        fields: dto.categories ?? [],
      });
      return senderView(r);
    });
  }

  cancel(actor: Actor, id: string, dto: ReasonDto) {
    return this.tx.run(async (m) => {
      const r = await this.dispatcher.load(m, actor, 'cancel', id);
      await this.transitions.apply(m, r, 'cancel', {
        source: 'user',
        userId: actor.userId,
        agencyId: actor.agencyId,
        reason: dto.reason,
      });
      await this.audit.record(m, {
        action: 'referral.cancel',
        subjectType: 'Referral',
        subjectId: r.id,
        caseId: r.caseId,
      });
      return senderView(r);
    });
  }
}
