import { Injectable, Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { AuditService } from '../audit-trail/audit.service';
import { CaseLookupService } from '../cases/public';
import { Clock } from '../common/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { Agency } from '../directory/agency.entity';
import { OnJob } from '../queues/on-job.decorator';
import { ACTIVE_STATUSES } from './referral-lifecycle';
import { DeliverReferralJob, deliveryKey } from './referral.jobs';
import { Referral } from './referral.entity';
import { ReferralConsentRevocation } from './referral-consent-revocation';
import { shareEntry } from './referral-share-audit';
import { Acknowledgement, ReferralHttpSender } from './referral-http-sender';
import { ReferralTransitions } from './referral-transitions';
import { ReferralsRepository } from './referrals.repository';

type Payload = { referralId: string; version: number; round: number };

/**
 * Delivers a snapshot version exactly once per idempotency key: the referral_delivery row (unique
 * on the key) and the status change commit together, so a duplicate job, a retry after a crash or
 * a second worker finds the row and stops. External POSTs carry the same key, so a POST repeated
 * after a crash (before our commit) is recognised by the partner. The last failed attempt marks
 * the referral delivery_failed.
 */
@Injectable()
export class ReferralDeliveryProcessor {
  private readonly logger = new Logger(ReferralDeliveryProcessor.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly repo: ReferralsRepository,
    private readonly transitions: ReferralTransitions,
    private readonly http: ReferralHttpSender,
    private readonly cases: CaseLookupService,
    private readonly revocation: ReferralConsentRevocation,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  @OnJob(DeliverReferralJob)
  async deliver(p: Payload, job: Job): Promise<{ result: string }> {
    const key = deliveryKey(p.referralId, p.version);
    const r = await this.repo.findById(this.tx.manager, p.referralId);
    if (!r || !this.deliverable(r, p)) return { result: 'skipped' };
    if (await this.repo.findDelivery(this.tx.manager, key)) return { result: 'already_delivered' };
    if (await this.consentExpired(r)) return { result: 'consent_expired' };
    let ack: Acknowledgement | null = null;
    let shared: string[] = [];
    if (r.external) {
      try {
        ({ ack, categories: shared } = await this.postExternal(r, p, key));
      } catch (e) {
        await this.onFailure(p, job, e as Error);
        throw e;
      }
    }
    return this.tx.run(async (m) => {
      const locked = await this.repo.lock(m, p.referralId);
      if (!locked || !this.deliverable(locked, p)) return { result: 'skipped' };
      const first = await this.repo.insertDelivery(m, {
        idempotencyKey: key,
        referralId: locked.id,
        kind: 'referral',
        snapshotVersion: p.version,
        channel: locked.external ? 'http' : 'inbox',
        httpStatus: ack?.httpStatus ?? null,
        receivedAt: ack?.receivedAt ?? null,
        externalReference: ack?.externalReference ?? null,
        attempt: job.attemptsMade + 1,
        deliveredAt: this.clock.now(),
      });
      if (!first) return { result: 'already_delivered' };
      // Data left Enlace for a partner's system: a share, with the categories it carried. (An
      // internal recipient's reads are audited when they happen, as referral.snapshot.read.)
      if (locked.external) await this.audit.record(m, shareEntry(locked, shared, 'allowed'));
      if (ack?.externalReference) locked.externalReference = ack.externalReference;
      if (locked.status === 'dispatched')
        await this.transitions.apply(m, locked, 'deliver', { source: 'system' });
      else await this.repo.save(m, locked);
      return { result: 'delivered' };
    });
  }

  /**
   * A consent that expired while the delivery was queued: nothing leaves, and the referral is
   * revoked at once as the expiry sweep would (cancelled, partners notified).
   */
  private async consentExpired(r: Referral): Promise<boolean> {
    const consent = r.consentId ? await this.cases.findConsent(this.tx.manager, r.consentId) : null;
    const expiresAt = consent?.expiresAt;
    if (!consent || !expiresAt || expiresAt > this.clock.now()) return false;
    await this.tx.run((m) => this.revocation.revoke(m, consent.id, 'consent_expired', expiresAt));
    return true;
  }

  /** Only the current snapshot version of a referral that is sent and still shareable. */
  private deliverable(r: Referral, p: Payload): boolean {
    if (r.accessRevokedAt || r.snapshotVersion !== p.version) return false;
    return r.status === 'dispatched' || ACTIVE_STATUSES.includes(r.status);
  }

  private async postExternal(
    r: Referral,
    p: Payload,
    key: string,
  ): Promise<{ ack: Acknowledgement; categories: string[] }> {
    const m = this.tx.manager;
    const [sender, recipient, snapshot] = await Promise.all([
      m.findOneOrFail(Agency, { where: { id: r.senderAgencyId } }),
      m.findOneOrFail(Agency, { where: { id: r.recipientAgencyId } }),
      this.repo.snapshot(m, r.id, p.version),
    ]);
    if (!snapshot) throw new UnrecoverableError('snapshot_missing');
    const ack = await this.http.post(recipient, key, {
      type: 'referral',
      referralId: r.id,
      idempotencyKey: key,
      sentAt: this.clock.now().toISOString(),
      sender: { agencyId: sender.id, agencyName: sender.name, countryCode: sender.countryCode },
      recipientAgencyId: recipient.id,
      serviceType: r.serviceType,
      purpose: r.purpose,
      urgency: r.urgency,
      reason: r.reason,
      legalBasis: r.overrideBasis ?? 'consent',
      responseDueAt: r.responseDueAt?.toISOString() ?? null,
      snapshot: {
        version: snapshot.version,
        contentHash: snapshot.contentHash,
        categories: snapshot.categories,
        data: snapshot.data,
      },
    });
    return { ack, categories: snapshot.categories };
  }

  /** On the last attempt (or an unrecoverable answer) the referral becomes delivery_failed. */
  private async onFailure(p: Payload, job: Job, e: Error): Promise<void> {
    const last = e instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    this.logger.warn(
      { referralId: p.referralId, attempt: job.attemptsMade + 1, error: e.message, last },
      'referral delivery failed',
    );
    if (!last) return;
    await this.tx.run(async (m) => {
      const r = await this.repo.lock(m, p.referralId);
      if (r && r.status === 'dispatched' && r.snapshotVersion === p.version) {
        await this.transitions.apply(m, r, 'fail_delivery', {
          source: 'system',
          reason: e.message.slice(0, 200),
        });
        // The partner may have received it before failing to answer: a share that failed.
        const snapshot = await this.repo.snapshot(m, r.id, p.version);
        await this.audit.record(m, shareEntry(r, snapshot?.categories ?? [], 'failed'));
      }
    });
  }
}
