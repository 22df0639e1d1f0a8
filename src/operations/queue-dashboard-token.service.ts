import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import type { Actor } from '../common/actor';
import { ROLES, Role } from '../common/role';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';

export const DASHBOARD_PATH = '/admin/queues';
export const DASHBOARD_COOKIE = 'enlace_queue_dashboard';
export const DASHBOARD_TTL_SECONDS = 600;
const AUDIENCE = 'enlace-queue-dashboard';

interface Claims {
  sub: string;
  role: Role;
  agency: string;
  country: string;
  lang: 'es' | 'en';
}

/**
 * The queue dashboard's session token: a browser cannot send a bearer header to an HTML page, so
 * an administrator exchanges the access token for this one, carried in an HttpOnly cookie. Its
 * own audience keeps access tokens from being accepted as dashboard cookies.
 */
@Injectable()
export class QueueDashboardTokens {
  private readonly jwt: JwtService;

  constructor(@Inject(ENV) env: Env) {
    this.jwt = new JwtService({
      // A KeyObject: given a string, the JWT library first tries (and fails) to parse it as a
      // public key on every verify, which costs about 50 times the HMAC itself.
      secret: createSecretKey(Buffer.from(env.jwtSecret)),
      signOptions: {
        algorithm: 'HS256',
        issuer: 'enlace',
        audience: AUDIENCE,
        expiresIn: DASHBOARD_TTL_SECONDS,
      },
    });
  }

  sign(actor: Actor): string {
    const claims: Claims = {
      sub: actor.userId,
      role: actor.role,
      agency: actor.agencyId,
      country: actor.countryCode,
      lang: actor.language,
    };
    return this.jwt.sign(claims);
  }

  verify(token: string): Actor | null {
    try {
      const c = this.jwt.verify<Claims>(token, {
        algorithms: ['HS256'],
        issuer: 'enlace',
        audience: AUDIENCE,
      });
      if (!ROLES.includes(c.role) || !c.sub || !c.agency || !c.country) return null;
      return {
        userId: c.sub,
        role: c.role,
        agencyId: c.agency,
        countryCode: c.country,
        language: c.lang === 'en' ? 'en' : 'es',
      };
    } catch {
      return null;
    }
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
