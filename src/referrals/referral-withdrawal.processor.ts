import { Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { AuditService } from '../audit-trail/audit.service';
import { Clock } from '../common/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { Agency } from '../directory/agency.entity';
import { OnJob } from '../queues/on-job.decorator';
import { WithdrawalNoticeJob, withdrawalKey } from './referral.jobs';
import { ReferralHttpSender } from './referral-http-sender';
import { shareEntry } from './referral-share-audit';
import { ReferralsRepository } from './referrals.repository';

/** The purpose of a withdrawal notice's share entry: what it tells, since it carries no case data. */
const WITHDRAWAL_NOTICE = 'consent_withdrawn';

/**
 * Sends an external recipient the consent-withdrawal notice (same endpoint, signature and
 * idempotency rules as deliveries, `type: "consent_withdrawn"`), once per referral.
 */
@Injectable()
export class ReferralWithdrawalProcessor {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly repo: ReferralsRepository,
    private readonly http: ReferralHttpSender,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @OnJob(WithdrawalNoticeJob)
  async notify(p: { referralId: string; withdrawnAt: string }, job: Job): Promise<{ result: string }> {
    const key = withdrawalKey(p.referralId);
    const m = this.tx.manager;
    if (await this.repo.findDelivery(m, key)) return { result: 'already_sent' };
    const r = await this.repo.findById(m, p.referralId);
    if (!r) return { result: 'skipped' };
    const recipient = await m.findOneOrFail(Agency, { where: { id: r.recipientAgencyId } });
    let ack;
    try {
      ack = await this.http.post(recipient, key, {
        type: 'consent_withdrawn',
        referralId: r.id,
        idempotencyKey: key,
        withdrawnAt: p.withdrawnAt,
        instruction: 'stop_processing_and_delete_snapshot',
      });
    } catch (e) {
      const last = e instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (last) await this.audit.recordAlone(shareEntry(r, [], 'failed', WITHDRAWAL_NOTICE));
      throw e;
    }
    await this.tx.run(async (tm) => {
      const first = await this.repo.insertDelivery(tm, {
        idempotencyKey: key,
        referralId: r.id,
        kind: 'withdrawal',
        snapshotVersion: null,
        channel: 'http',
        httpStatus: ack.httpStatus,
        receivedAt: ack.receivedAt,
        externalReference: ack.externalReference,
        attempt: job.attemptsMade + 1,
        deliveredAt: this.clock.now(),
      });
      if (first) await this.audit.record(tm, shareEntry(r, [], 'allowed', WITHDRAWAL_NOTICE));
    });
    return { result: 'sent' };
  }
}
