import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature scheme shared with external agencies (docs/referrals.md):
 * `X-Enlace-Signature: v1=<hex HMAC-SHA256(secret, "<X-Enlace-Timestamp>.<raw body>")>`.
 */
export const SIGNATURE_VERSION = 'v1';
/** Requests signed longer ago than this are refused; seen signatures are kept this long. */
export const REPLAY_WINDOW_S = 300;
/** Tolerated clock skew for timestamps ahead of ours. */
export const FUTURE_SKEW_S = 5;

export function sign(secret: string, timestamp: number, rawBody: string | Buffer): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestamp}.`);
  mac.update(rawBody);
  return `${SIGNATURE_VERSION}=${mac.digest('hex')}`;
}

export type VerifyFailure = 'missing' | 'malformed' | 'stale' | 'future' | 'mismatch';

/** Checks the timestamp window (seconds) and the signature in constant time. */
export function verify(
  secret: string,
  header: { timestamp?: string; signature?: string },
  rawBody: string | Buffer,
  nowS: number,
): VerifyFailure | null {
  if (!header.timestamp || !header.signature) return 'missing';
  if (!/^\d{1,12}$/.test(header.timestamp) || !/^v1=[0-9a-f]{64}$/.test(header.signature)) return 'malformed';
  const ts = Number(header.timestamp);
  if (ts < nowS - REPLAY_WINDOW_S) return 'stale';
  if (ts > nowS + FUTURE_SKEW_S) return 'future';
  const expected = Buffer.from(sign(secret, ts, rawBody));
  const got = Buffer.from(header.signature);
  return expected.length === got.length && timingSafeEqual(expected, got) ? null : 'mismatch';
}

/** SHA-256 of a value's canonical JSON (keys sorted at every level). */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}
