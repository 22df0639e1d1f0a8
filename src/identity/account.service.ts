import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit-trail/audit.service';
import type { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { CRM_COUNTRIES } from '../common/crm-countries';
import { CommonErrors } from '../common/errors/common.errors';
import { TransactionRunner } from '../database/transaction-runner';
import { CredentialsRepository } from './credentials.repository';
import { IdentityErrors } from './identity.errors';
import { burnVerification, hashPassword, verifyPassword } from './password-hasher';
import { passwordIssues } from './password-rules';
import { SessionsService } from './sessions.service';

export interface Me {
  id: string;
  email: string;
  fullName: string;
  role: string;
  language: 'es' | 'en';
  agency: { id: string; name: string; acronym: string | null; type: string; countryCode: string };
  country: { code: string; es: string; en: string };
}

/** The signed-in user's own account: who am I, and changing my password. */
@Injectable()
export class AccountService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly credentials: CredentialsRepository,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async me(actor: Actor): Promise<Me> {
    const row = await this.credentials.profile(this.tx.manager, actor.userId);
    if (!row || !row.active) throw CommonErrors.UNAUTHENTICATED();
    const country = CRM_COUNTRIES.find((c) => c.code === row.countryCode);
    return {
      id: row.id,
      email: row.email,
      fullName: row.fullName,
      role: row.role,
      language: row.language,
      agency: {
        id: row.agencyId,
        name: row.agencyName,
        acronym: row.acronym,
        type: row.type,
        countryCode: row.countryCode,
      },
      country: {
        code: row.countryCode,
        es: country?.es ?? row.countryCode,
        en: country?.en ?? row.countryCode,
      },
    };
  }

  /**
   * Changes the caller's password. A wrong current password counts towards the lockout like a
   * failed sign-in; success ends every session of the account (all refresh token families).
   */
  async changePassword(actor: Actor, current: string, next: string): Promise<void> {
    const user = await this.credentials.byId(this.tx.manager, actor.userId);
    if (!user || !user.active) throw CommonErrors.UNAUTHENTICATED();
    const wrong = (retryAfterSeconds?: number) =>
      CommonErrors.VALIDATION_FAILED(retryAfterSeconds ? { retryAfterSeconds } : {}, [
        {
          field: 'currentPassword',
          code: 'currentPasswordWrong',
          message: { es: 'La contraseña actual no es correcta.', en: 'The current password is not correct.' },
        },
      ]);
    const now = this.clock.now();
    // A guess slot first, as at sign-in: concurrent wrong guesses cannot outrun the lockout.
    const slot = await this.credentials.reserveGuess(this.tx.manager, user.id, now);
    if (!slot) {
      await burnVerification(current);
      const until = await this.credentials.lockedUntil(this.tx.manager, user.id);
      throw wrong(until ? Math.ceil((new Date(until).getTime() - now.getTime()) / 1000) : undefined);
    }
    if (!(await verifyPassword(user.passwordHash, current))) {
      await this.audit.recordAlone({
        action: 'auth.password.change',
        outcome: 'failed',
        subjectType: 'User',
        subjectId: user.id,
        fields: ['passwordHash'],
      });
      throw wrong();
    }
    await this.credentials.recordSuccess(this.tx.manager, user.id);
    const issues = passwordIssues(next, user.email, 'newPassword');
    if (next === current)
      issues.push({
        field: 'newPassword',
        code: 'passwordUnchanged',
        message: { es: 'Debe ser distinta de la actual.', en: 'Must differ from the current one.' },
      });
    if (issues.length) throw IdentityErrors.PASSWORD_REJECTED({}, issues);
    const hash = await hashPassword(next);
    await this.tx.run(async (m) => {
      await this.credentials.setPasswordHash(m, user.id, hash);
      await this.sessions.revokeAll(m, user.id);
      await this.audit.record(m, {
        action: 'auth.password.change',
        subjectType: 'User',
        subjectId: user.id,
        fields: ['passwordHash'],
      });
    });
  }
}
