import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { AuditService } from '../audit-trail/audit.service';
import { AuthzService } from '../authz/authz.service';
import { auditAction } from '../authz/audit-action';
import { CaseLookupService } from '../cases/public';
import { Clock } from '../common/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { Agency } from '../directory/agency.entity';
import { PolicyService } from '../policy/policy.service';
import { OutboxService } from '../queues/outbox.service';
import { DeliverReferralJob, deliverJobId } from './referral.jobs';
import { ReferralErrors } from './referral.errors';
import { Referral } from './referral.entity';
import { ReferralSharingRules } from './sharing/referral-sharing-rules';
import { ReferralSnapshots } from './referral-snapshots';
import { contentHash } from './referral-signature';
import { ReferralTransitions } from './referral-transitions';
import { senderView } from './referral-views';
import { ReferralsRepository } from './referrals.repository';

/**
 * Dispatch and retry: the status change, the response deadline and the outbox row that the
 * worker's relay turns into a delivery job all commit in one transaction.
 */
@Injectable()
export class ReferralDispatcher {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly repo: ReferralsRepository,
    private readonly cases: CaseLookupService,
    private readonly sharing: ReferralSharingRules,
    private readonly snapshots: ReferralSnapshots,
    private readonly transitions: ReferralTransitions,
    private readonly outbox: OutboxService,
    private readonly policy: PolicyService,
    private readonly authz: AuthzService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  dispatch(actor: Actor, id: string) {
    return this.tx.run(async (m) => {
      const r = await this.load(m, actor, 'dispatch', id);
      if (!this.transitions.can(r, 'dispatch'))
        throw ReferralErrors.INVALID_TRANSITION({ status: r.status, event: 'dispatch' });
      await this.dispatchLocked(m, actor, r, true);
      return senderView(r);
    });
  }

  /**
   * Dispatches a locked draft. With `recheck`, the sharing rules run again (consent or agreement
   * may have changed since the draft) and the snapshot is refreshed if the case data moved on.
   */
  async dispatchLocked(
    m: EntityManager,
    actor: Actor,
    r: Referral,
    recheck: boolean,
    audit = true,
  ): Promise<void> {
    if (recheck) await this.refreshSnapshot(m, actor, r);
    const now = this.clock.now();
    const due = this.policy.due(r.senderCountry, `referral.responseDeadline.${r.urgency}`, now);
    r.responseDueAt = due.at;
    r.responseDueExplain = due.explain;
    await this.transitions.apply(m, r, 'dispatch', {
      source: 'user',
      userId: actor.userId,
      agencyId: actor.agencyId,
    });
    await this.outbox.enqueue(
      m,
      DeliverReferralJob,
      { referralId: r.id, version: r.snapshotVersion, round: r.deliveryRound },
      { jobId: deliverJobId(r.id, r.snapshotVersion, r.deliveryRound) },
    );
    if (audit) await this.auditDispatch(m, r);
  }

  auditDispatch(m: EntityManager, r: Referral): Promise<void> {
    return this.audit.record(m, {
      action: 'referral.dispatch',
      subjectType: 'Referral',
      subjectId: r.id,
      caseId: r.caseId,
      purpose: r.purpose,
    });
  }

  /** The sender retries a delivery that failed after all attempts: a new round, same idempotency key. */
  retry(actor: Actor, id: string) {
    return this.tx.run(async (m) => {
      const r = await this.load(m, actor, 'retry', id);
      if (!this.transitions.can(r, 'retry_delivery'))
        throw ReferralErrors.INVALID_TRANSITION({ status: r.status, event: 'retry_delivery' });
      r.deliveryRound += 1;
      await this.transitions.apply(m, r, 'retry_delivery', {
        source: 'user',
        userId: actor.userId,
        agencyId: actor.agencyId,
      });
      await this.outbox.enqueue(
        m,
        DeliverReferralJob,
        { referralId: r.id, version: r.snapshotVersion, round: r.deliveryRound },
        { jobId: deliverJobId(r.id, r.snapshotVersion, r.deliveryRound) },
      );
      await this.audit.record(m, {
        action: auditAction('Referral', 'retry'),
        subjectType: 'Referral',
        subjectId: r.id,
        caseId: r.caseId,
      });
      return senderView(r);
    });
  }

  async load(m: EntityManager, actor: Actor, action: string, id: string): Promise<Referral> {
    const r = await this.repo.lock(m, id);
    if (!r) throw ReferralErrors.REFERRAL_NOT_FOUND();
    await this.authz.assert(actor, action, 'Referral', r, { subjectId: r.id, caseId: r.caseId });
    return r;
  }

  /** Re-checks the sharing rules and, if what would travel changed, freezes a new snapshot version. */
  async refreshSnapshot(m: EntityManager, actor: Actor, r: Referral, force = false): Promise<void> {
    const caseFile = await this.cases.findCase(m, r.caseId);
    if (!caseFile) throw ReferralErrors.REFERRAL_CASE_NOT_FOUND();
    if (caseFile.status !== 'open') throw ReferralErrors.CASE_NOT_OPEN();
    const sender = await m.findOneOrFail(Agency, { where: { id: r.senderAgencyId } });
    const recipient = await m.findOneOrFail(Agency, { where: { id: r.recipientAgencyId } });
    const { agreementId, categories } = await this.sharing.evaluate(m, {
      caseFile,
      sender,
      recipient,
      serviceType: r.serviceType,
      purpose: r.purpose,
      consentId: r.consentId,
      overrideSensitive: r.overrideBasis ? r.overrideSensitiveCategories : null,
      requested: r.requestedCategories,
      at: this.clock.now(),
    });
    r.agreementId = agreementId;
    const current = r.snapshotVersion ? await this.repo.snapshot(m, r.id, r.snapshotVersion) : null;
    if (!force && current) {
      const fresh = await this.snapshots.preview(m, r, categories);
      if (contentHash(fresh) === current.contentHash) return;
    }
    await this.snapshots.next(m, r, categories, actor.userId);
  }
}
