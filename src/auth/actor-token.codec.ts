import { createSecretKey } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { Actor } from '../common/actor';
import { ROLES, Role } from '../common/role';

interface Claims {
  sub: string;
  role: Role;
  agency: string;
  country: string;
  lang: 'es' | 'en';
}

const ISSUER = 'enlace';

/**
 * An actor in an HS256 JWT signed with JWT_SECRET. The audience says what the token is for: none
 * for access tokens, which in turn refuse any token that names one, so a token minted for one
 * purpose (e.g. the queue dashboard cookie) is never accepted for another.
 */
export class ActorTokenCodec {
  private readonly jwt: JwtService;

  constructor(
    secret: string,
    private readonly audience?: string,
  ) {
    this.jwt = new JwtService({
      // A KeyObject: given a string, the JWT library first tries (and fails) to parse it as a
      // public key on every verify, which costs about 50 times the HMAC itself.
      secret: createSecretKey(Buffer.from(secret)),
      signOptions: { algorithm: 'HS256', issuer: ISSUER, ...(audience ? { audience } : {}) },
    });
  }

  sign(actor: Actor, ttlSeconds: number, nowSeconds = Math.floor(Date.now() / 1000)): string {
    const claims: Claims & { iat: number; exp: number } = {
      sub: actor.userId,
      role: actor.role,
      agency: actor.agencyId,
      country: actor.countryCode,
      lang: actor.language,
      iat: nowSeconds,
      exp: nowSeconds + ttlSeconds,
    };
    return this.jwt.sign(claims);
  }

  /** Returns the actor, or null for any invalid, expired or malformed token, or one for another audience. */
  verify(token: string): Actor | null {
    try {
      const c = this.jwt.verify<Claims & { aud?: unknown }>(token, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        ...(this.audience ? { audience: this.audience } : {}),
      });
      if (!this.audience && c.aud !== undefined) return null;
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
