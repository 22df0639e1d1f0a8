import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit-trail/audit.service';
import type { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';
import { TransactionRunner } from '../database/transaction-runner';
import { ActivationsRepository } from './activations.repository';
import { CredentialsRepository } from './credentials.repository';
import { IdentityErrors } from './identity.errors';
import { hashPassword } from './password-hasher';
import { passwordIssues } from './password-rules';
import { SessionsService, sha256 } from './sessions.service';

/** What the person who hands over an activation receives (shown once, never stored in clear). */
export interface ActivationTicket {
  token: string;
  expiresAt: Date;
}

/**
 * Single-use activation: nobody but the account's holder ever chooses its password. An
 * administrator (or, for roles that need a second person, the approver) receives a token valid
 * ACTIVATION_TTL_HOURS and hands it to the person, who sets the password with
 * POST /auth/activate. Issuing a token disables the current password and ends every session.
 */
@Injectable()
export class ActivationService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly activations: ActivationsRepository,
    private readonly credentials: CredentialsRepository,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /** Issues a token for `userId` to `to`, inside the caller's transaction. */
  async issue(m: EntityManager, userId: string, to: Actor): Promise<ActivationTicket> {
    const now = this.clock.now();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.env.activationTtlHours * 3_600_000);
    await this.credentials.requireActivation(m, userId);
    await this.sessions.revokeAll(m, userId);
    await this.activations.replace(m, {
      userId,
      tokenHash: sha256(token),
      issuedTo: to.userId,
      issuedAt: now,
      expiresAt,
    });
    await this.audit.record(m, {
      action: 'user.activation.issue',
      actor: to,
      subjectType: 'User',
      subjectId: userId,
      fields: ['passwordHash', 'accessState'],
    });
    return { token, expiresAt };
  }

  /** Sets the password of the token's account (rules apply) and spends the token. */
  async activate(token: string, password: string): Promise<void> {
    const tokenHash = sha256(token);
    const found = await this.activations.usable(this.tx.manager, tokenHash, this.clock.now());
    const user = found && (await this.credentials.byId(this.tx.manager, found.userId));
    if (!found || !user) throw IdentityErrors.INVALID_ACTIVATION_TOKEN();
    const issues = passwordIssues(password, user.email, 'password');
    if (issues.length) throw IdentityErrors.PASSWORD_REJECTED({}, issues);
    const hash = await hashPassword(password);
    const done = await this.tx.run(async (m) => {
      const now = this.clock.now();
      const row = await this.activations.usable(m, tokenHash, now, true);
      if (!row) return false;
      await this.activations.markUsed(m, row.id, now);
      await this.credentials.activate(m, row.userId, hash);
      await this.sessions.revokeAll(m, row.userId);
      await this.audit.record(m, {
        action: 'auth.activate',
        actor: null,
        userId: row.userId,
        countryCode: user.countryCode,
        subjectType: 'User',
        subjectId: row.userId,
        fields: ['passwordHash', 'accessState'],
      });
      return true;
    });
    if (!done) throw IdentityErrors.INVALID_ACTIVATION_TOKEN();
  }
}
