import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';
import type { Actor } from '../common/actor';
import { ROLES, Role } from '../common/role';

interface Claims {
  sub: string;
  role: Role;
  agency: string;
  country: string;
  lang: 'es' | 'en';
}

/** Signs and verifies short-lived access tokens (HS256). Refresh tokens live in the identity module. */
@Injectable()
export class AccessTokenService {
  private readonly jwt: JwtService;

  constructor(@Inject(ENV) private readonly env: Env) {
    this.jwt = new JwtService({
      // A KeyObject: given a string, the JWT library re-parses it as a possible public key on every call.
      secret: createSecretKey(Buffer.from(env.jwtSecret)),
      signOptions: { algorithm: 'HS256', issuer: 'enlace' },
    });
  }

  sign(actor: Actor, nowSeconds = Math.floor(Date.now() / 1000)): string {
    const claims: Claims & { iat: number; exp: number } = {
      sub: actor.userId,
      role: actor.role,
      agency: actor.agencyId,
      country: actor.countryCode,
      lang: actor.language,
      iat: nowSeconds,
      exp: nowSeconds + this.env.jwtAccessTtlSeconds,
    };
    return this.jwt.sign(claims);
  }

  get ttlSeconds(): number {
    return this.env.jwtAccessTtlSeconds;
  }

  /** Returns the actor, or null for any invalid, expired or malformed token. */
  verify(token: string): Actor | null {
    try {
      const c = this.jwt.verify<Claims & { aud?: unknown }>(token, {
        algorithms: ['HS256'],
        issuer: 'enlace',
      });
      // Tokens with an audience are for something else (e.g. the queue dashboard cookie).
      if (c.aud !== undefined) return null;
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
}
