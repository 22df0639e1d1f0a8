import { Inject, Injectable } from '@nestjs/common';
import { ActorTokenCodec } from '../auth/actor-token.codec';
import type { Actor } from '../common/actor';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';

export const DASHBOARD_PATH = '/admin/queues';
export const DASHBOARD_COOKIE = 'enlace_queue_dashboard';
export const DASHBOARD_TTL_SECONDS = 600;
const AUDIENCE = 'enlace-queue-dashboard';

/**
 * The queue dashboard's session token: a browser cannot send a bearer header to an HTML page, so
 * an administrator exchanges the access token for this one, carried in an HttpOnly cookie. Its
 * own audience keeps access tokens from being accepted as dashboard cookies.
 */
@Injectable()
export class QueueDashboardTokens {
  private readonly codec: ActorTokenCodec;

  constructor(@Inject(ENV) env: Env) {
    this.codec = new ActorTokenCodec(env.jwtSecret, AUDIENCE);
  }

  sign(actor: Actor): string {
    return this.codec.sign(actor, DASHBOARD_TTL_SECONDS);
  }

  verify(token: string): Actor | null {
    return this.codec.verify(token);
  }

  /** The Set-Cookie value: scoped to the dashboard path, HttpOnly, SameSite=Strict, short-lived. */
  cookie(token: string, secure: boolean): string {
    return [
      `${DASHBOARD_COOKIE}=${token}`,
      `Path=${DASHBOARD_PATH}`,
      `Max-Age=${DASHBOARD_TTL_SECONDS}`,
      'HttpOnly',
      'SameSite=Strict',
      ...(secure ? ['Secure'] : []),
    ].join('; ');
  }
}

/** Reads one cookie from a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
