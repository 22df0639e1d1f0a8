import { Inject, Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { Clock } from '../common/clock';
import type { Env } from '../config/env';
import { ENV } from '../config/env.module';
import { Agency } from '../directory/agency.entity';
import { readSigningSecret } from '../directory/signing-secret-ref';
import { sign } from './referral-signature';

export interface Acknowledgement {
  httpStatus: number;
  receivedAt: Date | null;
  externalReference: string | null;
}

/**
 * The HMAC secret shared with an external agency, read from the variable its record names; only
 * variables of the documented prefix are ever read (see signing-secret-ref.ts).
 */
export function agencySecret(agency: Pick<Agency, 'signingSecretRef'>): string | undefined {
  return readSigningSecret(agency.signingSecretRef);
}

/**
 * Signed POSTs to external agencies (protocol in docs/referrals.md). 2xx is delivered; 4xx other
 * than 408/429 will not get better by retrying (UnrecoverableError); 5xx, 408, 429 and network
 * errors or timeouts are retried by the job's backoff.
 */
@Injectable()
export class ReferralHttpSender {
  private readonly timeoutMs: number;

  constructor(
    private readonly clock: Clock,
    @Inject(ENV) env: Env,
  ) {
    this.timeoutMs = env.referralDelivery.timeoutMs;
  }

  async post(agency: Agency, idempotencyKey: string, body: unknown): Promise<Acknowledgement> {
    const secret = agencySecret(agency);
    if (!agency.deliveryEndpoint || !secret) throw new UnrecoverableError('recipient_not_configured');
    const raw = JSON.stringify(body);
    const ts = Math.floor(this.clock.now().getTime() / 1000);
    let res: Response;
    try {
      res = await fetch(agency.deliveryEndpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey,
          'x-enlace-timestamp': String(ts),
          'x-enlace-signature': sign(secret, ts, raw),
        },
        body: raw,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw new Error(`network: ${(e as Error).name}`, { cause: e });
    }
    const text = await res.text().catch(() => '');
    if (res.status >= 200 && res.status < 300) {
      let ack: { receivedAt?: unknown; externalReference?: unknown } = {};
      try {
        ack = text ? JSON.parse(text) : {};
      } catch {
        // An unreadable acknowledgement still means the partner took the referral.
      }
      const receivedAt = typeof ack.receivedAt === 'string' ? new Date(ack.receivedAt) : null;
      return {
        httpStatus: res.status,
        receivedAt: receivedAt && !Number.isNaN(receivedAt.getTime()) ? receivedAt : null,
        externalReference:
          typeof ack.externalReference === 'string' ? ack.externalReference.slice(0, 200) : null,
      };
    }
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429)
      throw new UnrecoverableError(`http_${res.status}`);
    throw new Error(`http_${res.status}`);
  }
}
