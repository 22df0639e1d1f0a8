import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit-trail/audit.service';
import type { Actor } from '../common/actor';
import { AccessTokenService } from '../auth/access-token.service';
import { Clock } from '../common/clock';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';
import { TransactionRunner } from '../database/transaction-runner';
import { CredentialsRepository } from './credentials.repository';
import { IdentityErrors } from './identity.errors';
import { RefreshTokensRepository } from './refresh-tokens.repository';

export interface TokenPair {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
}

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/**
 * Sessions: an access token plus a rotating refresh token. Each refresh spends the presented token
 * and issues the next one of the same family; presenting a spent token again means it was copied,
 * so the whole family is revoked (and audited). Other modules revoke sessions through here
 * (deactivation, password set by an administrator).
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly tokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly credentials: CredentialsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /** Starts a new family for a freshly authenticated user (inside the login transaction). */
  start(m: EntityManager, actor: Actor): Promise<TokenPair> {
    return this.issue(m, actor, randomUUID());
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const outcome = await this.tx.run(async (m) => {
      const now = this.clock.now();
      const row = await this.refreshTokens.findByHashForUpdate(m, sha256(refreshToken));
      if (!row || row.revokedAt || row.expiresAt <= now) return null;
      const user = await this.credentials.byId(m, row.userId);
      if (row.usedAt) {
        await this.refreshTokens.revokeFamily(m, row.familyId, now);
        const reuse = {
          action: 'auth.refresh.reuse',
          outcome: 'denied' as const,
          actor: null,
          userId: row.userId,
          // No actor: the user's country puts the entry in the scope of that country's auditors.
          countryCode: user?.countryCode,
          subjectType: 'RefreshTokenFamily',
          subjectId: row.familyId,
        };
        await this.audit.record(m, reuse);
        return null;
      }
      if (!user || !user.active || !user.agencyActive) {
        await this.refreshTokens.revokeFamily(m, row.familyId, now);
        return null;
      }
      await this.refreshTokens.markUsed(m, row.id, now);
      return this.issue(m, actorOf(user), row.familyId);
    });
    if (!outcome) throw IdentityErrors.INVALID_REFRESH_TOKEN();
    return outcome;
  }

  /** Revokes the family of a token the caller owns; a token that is not theirs is ignored. */
  async logout(actor: Actor, refreshToken: string): Promise<void> {
    await this.tx.run(async (m) => {
      const row = await this.refreshTokens.findByHashForUpdate(m, sha256(refreshToken));
      if (row && row.userId === actor.userId)
        await this.refreshTokens.revokeFamily(m, row.familyId, this.clock.now());
      await this.audit.record(m, { action: 'auth.logout', subjectType: 'User', subjectId: actor.userId });
    });
  }

  /** Ends every session of a user (password change, deactivation) in the caller's transaction. */
  revokeAll(m: EntityManager, userId: string): Promise<void> {
    return this.refreshTokens.revokeAllOfUser(m, userId, this.clock.now());
  }

  private async issue(m: EntityManager, actor: Actor, familyId: string): Promise<TokenPair> {
    const now = this.clock.now();
    const refreshToken = randomBytes(32).toString('base64url');
    await this.refreshTokens.insert(m, {
      userId: actor.userId,
      familyId,
      tokenHash: sha256(refreshToken),
      issuedAt: now,
      expiresAt: new Date(now.getTime() + this.env.refreshTtlSeconds * 1000),
    });
    // Access tokens carry wall-clock times: JWT verification uses the real time, and a demo's
    // pinned clock must not make fresh tokens look expired.
    return {
      accessToken: this.tokens.sign(actor),
      tokenType: 'Bearer',
      expiresIn: this.tokens.ttlSeconds,
      refreshToken,
    };
  }
}

export function actorOf(u: {
  id: string;
  role: Actor['role'];
  agencyId: string;
  countryCode: string;
  language: 'es' | 'en';
}): Actor {
  return {
    userId: u.id,
    role: u.role,
    agencyId: u.agencyId,
    countryCode: u.countryCode,
    language: u.language === 'en' ? 'en' : 'es',
  };
}
