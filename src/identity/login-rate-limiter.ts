import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit-trail/audit.service';
import { Clock } from '../common/clock';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';
import { TransactionRunner } from '../database/transaction-runner';
import { IdentityErrors } from './identity.errors';

/**
 * Sign-in attempts per client address: at most LOGIN_RATE_LIMIT_PER_IP in a fixed window of
 * LOGIN_RATE_LIMIT_WINDOW_SECONDS, counted in PostgreSQL with one upsert (so every API replica
 * shares the count and Redis being down changes nothing). Every attempt counts, before any hash
 * work; the first refusal of a window is audited, later ones are not (an attacker could otherwise
 * fill the trail). The address is Fastify's request.ip (see TRUST_PROXY).
 */
@Injectable()
export class LoginRateLimiter {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /** Counts an attempt from `address`; throws 429 TOO_MANY_LOGIN_ATTEMPTS over the limit. */
  async hit(address: string): Promise<void> {
    const now = this.clock.now();
    const window = this.env.loginRateLimitWindowSeconds;
    const [row] = await this.tx.manager.query(
      `INSERT INTO login_rate_limit AS l (address, window_start, attempts) VALUES ($1, $2, 1)
       ON CONFLICT (address) DO UPDATE
          SET attempts = CASE WHEN l.window_start <= $2::timestamptz - make_interval(secs => $3) THEN 1
                              ELSE l.attempts + 1 END,
              window_start = CASE WHEN l.window_start <= $2::timestamptz - make_interval(secs => $3) THEN $2
                                  ELSE l.window_start END
       RETURNING attempts, window_start AS "windowStart"`,
      [address, now, window],
    );
    const { attempts, windowStart } = row as { attempts: number; windowStart: Date };
    const limit = this.env.loginRateLimitPerIp;
    if (attempts <= limit) return;
    if (attempts === limit + 1)
      await this.audit.recordAlone({
        action: 'auth.login.throttled',
        outcome: 'denied',
        actor: null,
        fields: ['address'],
      });
    const retryAfterSeconds = Math.max(
      1,
      Math.ceil((new Date(windowStart).getTime() + window * 1000 - now.getTime()) / 1000),
    );
    throw IdentityErrors.TOO_MANY_LOGIN_ATTEMPTS({ retryAfterSeconds });
  }
}
