/**
 * POSTs that never take an Idempotency-Key: sign-in answers hand out credentials (never stored
 * for a replay), and partner callbacks have no user to scope a key to (they carry their own
 * replay guard). Used by the interceptor and by the API documentation alike.
 */
const EXEMPT_PREFIXES = ['/api/v1/auth/', '/api/v1/referrals/inbound/'];

/** Whether a route (its path pattern, as Fastify or the OpenAPI document names it) takes a key. */
export function takesIdempotencyKey(method: string, routePath: string): boolean {
  return method === 'POST' && !EXEMPT_PREFIXES.some((p) => routePath.startsWith(p));
}
