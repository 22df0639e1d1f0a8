import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

/**
 * Which database failures are the database's state rather than the request's fault, and a retry
 * helper for work that is safe to repeat.
 *
 * - `unavailable`: PostgreSQL cannot be reached or is going away: connection refused, reset or
 *   cut (also as TypeORM's "query runner already released" once the connection of a transaction
 *   failed), a name that does not resolve, the pool finding no connection within DB_POOL_WAIT_MS,
 *   the server shutting down or starting up (SQLSTATE 57P01–57P03), too many connections (53300),
 *   any connection exception (class 08).
 * - `conflict`: the transaction lost a race and was rolled back whole: serialization failure
 *   (40001) or deadlock (40P01). Running it again normally succeeds.
 *
 * The HTTP layer answers both with 503 DATABASE_UNAVAILABLE and Retry-After (problem.filter.ts).
 */
export type DatabaseFailure = 'unavailable' | 'conflict';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const CONFLICT_SQLSTATES = new Set(['40001', '40P01']);
/** pg and pg-pool report a lost or unobtainable connection by message only. */
const UNAVAILABLE_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|Connection is not open)/;

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** Classifies an error (or what it wraps: TypeORM's driverError, a cause, an AggregateError). */
export function databaseFailure(err: unknown, depth = 0): DatabaseFailure | undefined {
  if (!err || typeof err !== 'object' || depth > 4) return undefined;
  // TypeORM releases a transaction's query runner when its connection fails mid-transaction
  // (the server went away); the transaction's next query then finds it released.
  if (
    err instanceof QueryRunnerAlreadyReleasedError ||
    err instanceof QueryRunnerProviderAlreadyReleasedError
  )
    return 'unavailable';
  const e = err as ErrorLike;
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code) {
    if (CONFLICT_SQLSTATES.has(code)) return 'conflict';
    if (UNAVAILABLE_SQLSTATES.has(code) || NETWORK_CODES.has(code) || code.startsWith('08'))
      return 'unavailable';
  }
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return 'unavailable';
  for (const inner of [e.driverError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const found = databaseFailure(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

export function isTransientDatabaseFailure(err: unknown): boolean {
  return databaseFailure(err) !== undefined;
}

/**
 * pg-pool's own wait for a free connection ran out (DB_POOL_WAIT_MS): the caller already waited
 * that long, so retrying it again would only keep the request longer.
 */
export function isPoolWaitTimeout(err: unknown): boolean {
  return (
    err instanceof Error &&
    /^(timeout exceeded when trying to connect|Connection terminated due to connection timeout)$/.test(
      err.message,
    )
  );
}

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Delay before the second attempt; each next one doubles, up to maxDelayMs, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Which failures to retry (default: any transient database failure except a pool wait timeout). */
  retryOn?: (err: unknown) => boolean;
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

const defaultRetryOn = (err: unknown) => isTransientDatabaseFailure(err) && !isPoolWaitTimeout(err);

/** The delay before attempt `attempt + 1` (attempt counts from 1): exponential, full jitter above half. */
export function backoffDelay(attempt: number, baseDelayMs: number, maxDelayMs: number): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/**
 * Runs `work`, and again after a backoff while it fails with a transient database failure, up to
 * `attempts` times; then throws the last error. Only for work that is safe to repeat: reads,
 * whole transactions that rolled back, scans and relays that pick up where they stand.
 */
export async function retryTransient<T>(work: () => Promise<T>, opts: RetryOptions): Promise<T> {
  const retryOn = opts.retryOn ?? defaultRetryOn;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      if (attempt >= opts.attempts || !retryOn(e)) throw e;
      const delay = backoffDelay(attempt, opts.baseDelayMs, opts.maxDelayMs);
      opts.onRetry?.(e, attempt, delay);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
