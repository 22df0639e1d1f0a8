import { ConfigError } from '../config/env';

export interface DeliveryConfig {
  /** Attempts per delivery job before the referral is marked delivery_failed. */
  attempts: number;
  /** First retry delay; each next one doubles (BullMQ exponential backoff). */
  backoffMs: number;
  /** Time allowed for the external system to answer one POST. */
  timeoutMs: number;
  /** How often the worker looks for deliveries lost inside Redis. */
  sweepEveryMs: number;
  /** How often the worker ends access for referrals whose consent has expired. */
  expirySweepEveryMs: number;
}

/**
 * Delivery settings, from REFERRAL_DELIVERY_ATTEMPTS / _BACKOFF_MS / _TIMEOUT_MS and
 * REFERRAL_REDELIVERY_SWEEP_MS, REFERRAL_CONSENT_EXPIRY_SWEEP_MS. Read when the
 * job is declared (module load), so both processes agree; invalid values stop the process.
 */
export function deliveryConfig(raw: Record<string, string | undefined> = process.env): DeliveryConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number) => {
    const v = raw[name]?.trim();
    if (!v) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${v}")`);
      return fallback;
    }
    return n;
  };
  const cfg = {
    attempts: int('REFERRAL_DELIVERY_ATTEMPTS', 8, 1, 50),
    backoffMs: int('REFERRAL_DELIVERY_BACKOFF_MS', 5000, 10, 3_600_000),
    timeoutMs: int('REFERRAL_DELIVERY_TIMEOUT_MS', 10_000, 100, 120_000),
    sweepEveryMs: int('REFERRAL_REDELIVERY_SWEEP_MS', 300_000, 1000, 86_400_000),
    expirySweepEveryMs: int('REFERRAL_CONSENT_EXPIRY_SWEEP_MS', 60_000, 1000, 86_400_000),
  };
  if (problems.length) throw new ConfigError(problems);
  return cfg;
}
