import { defineJob, QueueName } from '../queues/job-catalog';
import { defineSchedule } from '../queues/schedule-catalog';
import { loadReferralDeliveryEnv } from '../config/env';

const cfg = loadReferralDeliveryEnv();
const retries = { attempts: cfg.attempts, backoff: { type: 'exponential', delay: cfg.backoffMs } };

/** Delivers one snapshot version of a referral to its recipient (inbox or signed HTTP). */
export const DeliverReferralJob = defineJob<{ referralId: string; version: number; round: number }>(
  'referral.deliver',
  QueueName.Referrals,
  retries,
);

/** Tells an external recipient that the consent behind a referral was withdrawn. */
export const WithdrawalNoticeJob = defineJob<{ referralId: string; withdrawnAt: string }>(
  'referral.withdrawal-notice',
  QueueName.Referrals,
  retries,
);

/** Finds dispatched referrals whose delivery job went missing and queues them again. */
export const RedeliverySweepJob = defineJob<Record<string, never>>(
  'referral.redelivery-sweep',
  QueueName.Referrals,
  {
    attempts: 1,
  },
);

/** Ends access for referrals whose consent has expired, as withdrawal does (notices included). */
export const ConsentExpirySweepJob = defineJob<Record<string, never>>(
  'referral.consent-expiry-sweep',
  QueueName.Referrals,
  { attempts: 1 },
);

/** Job ids: one job per (referral, snapshot version, sender retry round). */
export const deliverJobId = (id: string, version: number, round: number) =>
  `referral-deliver.${id}.${version}.${round}`;
export const withdrawalJobId = (id: string) => `referral-withdrawal.${id}`;

/** Idempotency keys: the same delivery always has the same key, across jobs and retries. */
export const deliveryKey = (id: string, version: number) => `referral-${id}-v${version}`;
export const withdrawalKey = (id: string) => `withdrawal-${id}`;

/** Every 5 minutes by default (REFERRAL_REDELIVERY_SWEEP_MS): requeue deliveries lost inside Redis. */
export const RedeliverySweepSchedule = defineSchedule({
  id: 'referral-redelivery-sweep',
  job: RedeliverySweepJob,
  everyMs: () => cfg.sweepEveryMs,
});

/** Every minute by default (REFERRAL_CONSENT_EXPIRY_SWEEP_MS); reads check expiry themselves meanwhile. */
export const ConsentExpirySweepSchedule = defineSchedule({
  id: 'referral-consent-expiry-sweep',
  job: ConsentExpirySweepJob,
  everyMs: () => cfg.expirySweepEveryMs,
});
