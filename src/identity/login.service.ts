import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditService } from '../audit-trail/audit.service';
import { Clock } from '../common/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { CredentialsRepository } from './credentials.repository';
import { IdentityErrors } from './identity.errors';
import { LoginRateLimiter } from './login-rate-limiter';
import { burnVerification, verifyPassword } from './password-hasher';
import { actorOf, SessionsService, TokenPair } from './sessions.service';

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/**
 * Sign-in. Unknown email, wrong password, inactive account and locked account all get the same
 * INVALID_CREDENTIALS answer after the same amount of hashing work; only a locked account adds
 * how long to wait (Retry-After). Attempts are first counted per client address
 * (LoginRateLimiter, 429). Audit entries name the user id when known, never the email typed.
 */
@Injectable()
export class LoginService implements OnModuleInit {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly credentials: CredentialsRepository,
    private readonly limiter: LoginRateLimiter,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Prepares the dummy hash at boot, so the first unknown email costs no more than later ones. */
  async onModuleInit(): Promise<void> {
    await burnVerification('');
  }

  async login(email: string, password: string, address: string): Promise<TokenPair> {
    await this.limiter.hit(address);
    const user = await this.credentials.byEmail(this.tx.manager, normalizeEmail(email));
    if (!user) {
      await burnVerification(password);
      await this.audit.recordAlone({ action: 'auth.login.failed', outcome: 'failed', actor: null });
      throw IdentityErrors.INVALID_CREDENTIALS();
    }
    // `fields` names what decided the failure (never a value).
    const failed = {
      action: 'auth.login.failed',
      outcome: 'failed' as const,
      actor: null,
      userId: user.id,
      // No actor yet: the user's country puts the entry in the scope of that country's auditors.
      countryCode: user.countryCode,
      subjectType: 'User',
      subjectId: user.id,
    };
    // Take a guess slot before any hash work: however many requests arrive at once, at most
    // LOCKOUT_MAX_FAILURES of them are checked before the lock (see reserveGuess).
    const slot = await this.credentials.reserveGuess(this.tx.manager, user.id, this.clock.now());
    if (!slot) {
      await burnVerification(password);
      await this.audit.recordAlone({ ...failed, fields: ['lockedUntil'] });
      const until = await this.credentials.lockedUntil(this.tx.manager, user.id);
      const lockedFor = secondsUntil(until, this.clock.now());
      throw IdentityErrors.INVALID_CREDENTIALS(lockedFor > 0 ? { retryAfterSeconds: lockedFor } : {});
    }
    const ok = await verifyPassword(user.passwordHash, password);
    if (!ok) {
      await this.tx.run(async (m) => {
        await this.audit.record(m, { ...failed, fields: ['passwordHash'] });
        if (slot.lockedUntil)
          await this.audit.record(m, {
            ...failed,
            action: 'auth.lockout',
            fields: ['failedLogins', 'lockedUntil'],
          });
      });
      const wait = secondsUntil(slot.lockedUntil, this.clock.now());
      throw IdentityErrors.INVALID_CREDENTIALS(wait > 0 ? { retryAfterSeconds: wait } : {});
    }
    if (!user.active || !user.agencyActive) {
      await this.credentials.recordSuccess(this.tx.manager, user.id);
      await this.audit.recordAlone({ ...failed, fields: ['active'] });
      throw IdentityErrors.INVALID_CREDENTIALS();
    }
    const actor = actorOf(user);
    return this.tx.run(async (m) => {
      await this.credentials.recordSuccess(m, user.id);
      const pair = await this.sessions.start(m, actor);
      await this.audit.record(m, { action: 'auth.login', actor, subjectType: 'User', subjectId: user.id });
      return pair;
    });
  }
}

function secondsUntil(at: Date | null, now: Date): number {
  return at ? Math.max(0, Math.ceil((new Date(at).getTime() - now.getTime()) / 1000)) : 0;
}
