import { AuditEnv, loadAuditEnv } from './audit-env';
/**
 * The process environment, validated once at boot. Both entry points (API and worker) refuse to
 * start with a message that names every bad setting, instead of failing later on first use.
 */
export interface Env {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  databaseUrl: string;
  dbPoolSize: number;
  /** Connections of the audit writer's own pool (denials and other own-transaction appends). */
  auditPoolSize: number;
  /** How long a query waits for a free pooled connection before failing (then 503). */
  dbPoolWaitMs: number;
  redisUrl: string;
  /** REDIS_CLUSTER=true: REDIS_URL lists seed nodes (comma-separated) of a Redis Cluster. */
  redisCluster: boolean;
  queuePrefix: string;
  jwtSecret: string;
  jwtAccessTtlSeconds: number;
  refreshTtlSeconds: number;
  logLevel: string;
  configDir: string;
  workerConcurrency: number;
  /** How long a worker's lock on a job lasts; a crashed worker's jobs are retried after about this long. */
  workerLockMs: number;
  outboxPollMs: number;
  overdueScanEvery: string;
  /**
   * API: after SIGTERM, how long readiness answers 503 while requests are still served, so load
   * balancers stop routing here before the listener closes.
   */
  shutdownDrainMs: number;
  /** API: longest wait for requests in flight once the listener closed; worker: for jobs in flight. */
  shutdownTimeoutMs: number;
  /** Worker: port of its health server (/health/live, /health/ready, /metrics); unset: none. */
  workerHealthPort?: number;
  /** Which peers may set X-Forwarded-For/-Proto (Fastify trustProxy): false, true or addresses. */
  trustProxy: boolean | string;
  /** Sign-in attempts allowed per client address per window (then 429). */
  loginRateLimitPerIp: number;
  loginRateLimitWindowSeconds: number;
  /** How long an activation token stays valid. */
  activationTtlHours: number;
  /** How long an Idempotency-Key and its stored answer are kept. */
  idempotencyTtlHours: number;
  /** ISO instant the clock is frozen at (tests and demos only). */
  clockFixedAt?: string;
  referralDelivery: ReferralDeliveryEnv;
  audit: AuditEnv;
}

export interface ReferralDeliveryEnv {
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

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Raw = Record<string, string | undefined>;
type IntReader = (name: string, fallback: number, min: number, max: number) => number;

/** Reads an optional integer setting; a bad value is added to problems (and the fallback returned). */
function intReader(raw: Raw, problems: string[]): IntReader {
  return (name, fallback, min, max) => {
    const v = raw[name]?.trim();
    if (!v) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${v}")`);
      return fallback;
    }
    return n;
  };
}

function referralDelivery(int: IntReader): ReferralDeliveryEnv {
  return {
    attempts: int('REFERRAL_DELIVERY_ATTEMPTS', 8, 1, 50),
    backoffMs: int('REFERRAL_DELIVERY_BACKOFF_MS', 5000, 10, 3_600_000),
    timeoutMs: int('REFERRAL_DELIVERY_TIMEOUT_MS', 10_000, 100, 120_000),
    sweepEveryMs: int('REFERRAL_REDELIVERY_SWEEP_MS', 300_000, 1000, 86_400_000),
    expirySweepEveryMs: int('REFERRAL_CONSENT_EXPIRY_SWEEP_MS', 60_000, 1000, 86_400_000),
  };
}

/**
 * The referral delivery settings alone, for the job catalog: it declares the delivery retries when
 * the module loads, before any Env exists, so both processes agree. loadEnv validates the same
 * settings at boot.
 */
export function loadReferralDeliveryEnv(raw: Raw = process.env): ReferralDeliveryEnv {
  const problems: string[] = [];
  const settings = referralDelivery(intReader(raw, problems));
  if (problems.length) throw new ConfigError(problems);
  return settings;
}

export function loadEnv(raw: Raw = process.env): Env {
  const problems: string[] = [];
  const str = (name: string, fallback?: string): string => {
    const v = raw[name]?.trim();
    if (v) return v;
    if (fallback !== undefined) return fallback;
    problems.push(`${name} is required`);
    return '';
  };
  const int = intReader(raw, problems);
  const url = (name: string, protocols: string[]): string => {
    const v = str(name);
    if (!v) return v;
    try {
      const u = new URL(v);
      if (!protocols.includes(u.protocol))
        problems.push(`${name} must use ${protocols.join(' or ')} (got ${u.protocol})`);
    } catch {
      problems.push(`${name} is not a valid URL`);
    }
    return v;
  };

  const urls = (name: string, protocols: string[]): string => {
    const v = str(name);
    for (const one of v ? v.split(',') : []) {
      try {
        const u = new URL(one.trim());
        if (!protocols.includes(u.protocol))
          problems.push(`${name} must use ${protocols.join(' or ')} (got ${u.protocol})`);
      } catch {
        problems.push(`${name} is not a comma-separated list of valid URLs`);
      }
    }
    return v;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const v = raw[name]?.trim();
    if (!v) return fallback;
    if (v === 'true' || v === 'false') return v === 'true';
    problems.push(`${name} must be true or false (got "${v}")`);
    return fallback;
  };

  const nodeEnv = str('NODE_ENV', 'development');
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    problems.push(`NODE_ENV must be development, production or test (got "${nodeEnv}")`);
  }
  const jwtSecret = str('JWT_SECRET');
  if (jwtSecret && jwtSecret.length < 32) problems.push('JWT_SECRET must be at least 32 characters');
  const clockFixedAt = raw.CLOCK_FIXED_AT?.trim() || undefined;
  if (clockFixedAt && Number.isNaN(Date.parse(clockFixedAt)))
    problems.push('CLOCK_FIXED_AT must be an ISO date-time');
  const overdueScanEvery = str('OVERDUE_SCAN_EVERY', '5m');
  if (!/^\d+(ms|s|m|h)$/.test(overdueScanEvery))
    problems.push('OVERDUE_SCAN_EVERY must look like 30s, 5m or 1h');

  const trustProxy = parseTrustProxy(raw.TRUST_PROXY?.trim() || 'loopback');
  if (trustProxy === undefined)
    problems.push('TRUST_PROXY must be true, false, or addresses/CIDRs/loopback, comma-separated');

  // Redis Cluster: every key of one queue must hash to one slot (BullMQ's scripts touch several),
  // so the prefix needs a hash tag such as {enlace}.
  const redisCluster = bool('REDIS_CLUSTER', false);
  const redisUrl = redisCluster
    ? urls('REDIS_URL', ['redis:', 'rediss:'])
    : url('REDIS_URL', ['redis:', 'rediss:']);
  const queuePrefix = str('QUEUE_PREFIX', redisCluster ? '{enlace}' : 'enlace');
  if (redisCluster && !/\{[^{}]+\}/.test(queuePrefix))
    problems.push(
      `QUEUE_PREFIX must contain a hash tag such as {enlace} when REDIS_CLUSTER=true (got "${queuePrefix}")`,
    );

  const env: Env = {
    nodeEnv: nodeEnv as Env['nodeEnv'],
    port: int('PORT', 3000, 1, 65535),
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
    dbPoolSize: int('DB_POOL_SIZE', 10, 1, 200),
    auditPoolSize: int('AUDIT_POOL_SIZE', 2, 1, 50),
    dbPoolWaitMs: int('DB_POOL_WAIT_MS', 10000, 100, 600000),
    redisUrl,
    redisCluster,
    queuePrefix,
    jwtSecret,
    jwtAccessTtlSeconds: int('JWT_ACCESS_TTL_SECONDS', 900, 30, 86400),
    refreshTtlSeconds: int('REFRESH_TTL_SECONDS', 1209600, 300, 7776000),
    logLevel: str('LOG_LEVEL', 'info'),
    configDir: str('CONFIG_DIR', 'config'),
    workerConcurrency: int('WORKER_CONCURRENCY', 10, 1, 500),
    workerLockMs: int('WORKER_LOCK_MS', 30000, 1000, 600000),
    outboxPollMs: int('OUTBOX_POLL_MS', 500, 10, 60000),
    overdueScanEvery,
    shutdownDrainMs: int('SHUTDOWN_DRAIN_MS', 5000, 0, 600000),
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', 25000, 100, 600000),
    workerHealthPort: raw.WORKER_HEALTH_PORT?.trim() ? int('WORKER_HEALTH_PORT', 0, 1, 65535) : undefined,
    trustProxy: trustProxy ?? false,
    loginRateLimitPerIp: int('LOGIN_RATE_LIMIT_PER_IP', 30, 1, 1_000_000),
    loginRateLimitWindowSeconds: int('LOGIN_RATE_LIMIT_WINDOW_SECONDS', 300, 1, 86400),
    activationTtlHours: int('ACTIVATION_TTL_HOURS', 72, 1, 720),
    idempotencyTtlHours: int('IDEMPOTENCY_TTL_HOURS', 24, 1, 720),
    clockFixedAt,
    referralDelivery: referralDelivery(int),
    audit: loadAuditEnv(raw, int, problems),
  };
  if (problems.length) throw new ConfigError(problems);
  return env;
}

export function durationMs(spec: string): number {
  const m = /^(\d+)(ms|s|m|h)$/.exec(spec);
  if (!m) throw new Error(`bad duration ${spec}`);
  const n = Number(m[1]);
  return n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY as Fastify takes it; undefined when malformed. */
function parseTrustProxy(v: string): boolean | string | undefined {
  if (v === 'true') return true;
  if (v === 'false') return false;
  const items = v.split(',').map((s) => s.trim());
  const ok = items.every((s) => PROXY_NAMES.includes(s) || /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(s));
  return ok ? items.join(',') : undefined;
}
