import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AuditService } from '../audit-trail/audit.service';
import { Clock } from '../common/clock';
import { CommonErrors } from '../common/errors/common.errors';
import { TransactionRunner } from '../database/transaction-runner';
import { Agency } from '../directory/agency.entity';
import { InboundSignature } from './inbound-signature.entity';
import { InboundStatusDto } from './referral.dto';
import { ReferralErrors } from './referral.errors';
import { agencySecret } from './referral-http-sender';
import { ResponseEvent, ReferralResponseService } from './referral-response.service';
import { REPLAY_WINDOW_S, verify } from './referral-signature';

const EVENTS: Record<InboundStatusDto['status'], ResponseEvent> = {
  accepted: 'accept',
  rejected: 'reject',
  in_progress: 'start',
  completed: 'complete',
};

export interface InboundHeaders {
  agency?: string;
  timestamp?: string;
  signature?: string;
}

/**
 * Status updates from external agencies. Authenticated before anything else is looked at: the
 * agency named by X-Enlace-Agency, its HMAC over the raw body, a timestamp inside the window,
 * and a signature never seen before (every verified one is kept for the window, whatever the
 * outcome, in PostgreSQL so every API instance agrees). Then it is validated and applied like a
 * focal point's answer.
 */
@Injectable()
export class ReferralInboundService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly responses: ReferralResponseService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async receive(h: InboundHeaders, raw: Buffer | undefined, body: unknown) {
    const agency = await this.authenticate(h, raw);
    await this.remember(h.signature!, agency.id);
    const dto = plainToInstance(InboundStatusDto, body ?? {});
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length)
      throw CommonErrors.VALIDATION_FAILED(
        {},
        errors.flatMap((e) => Object.keys(e.constraints ?? {}).map((code) => ({ field: e.property, code }))),
      );
    return this.tx.run(async (m) => {
      const text =
        dto.status === 'rejected' ? dto.reason : dto.status === 'completed' ? dto.outcome : undefined;
      const result = await this.responses.byExternal(m, agency.id, dto.referralId, EVENTS[dto.status], text);
      if (dto.externalReference)
        await m.query(
          'UPDATE referral SET external_reference = $1 WHERE id = $2 AND external_reference IS NULL',
          [dto.externalReference, dto.referralId],
        );
      return result;
    });
  }

  /**
   * Records a verified signature, or refuses it as a replay. Committed on its own, before the
   * update is even validated: a signed request refused later (400, 404, 409) is spent too, so it
   * cannot be replayed once the referral's state would let it through.
   */
  private async remember(signature: string, agencyId: string): Promise<void> {
    await this.tx.run(async (m) => {
      const now = this.clock.now();
      const seen = await m
        .createQueryBuilder()
        .insert()
        .into(InboundSignature)
        .values({ signature, agencyId, seenAt: now })
        .orIgnore()
        .returning('signature')
        .execute();
      if (!seen.raw.length) throw ReferralErrors.INBOUND_REPLAYED();
      await m
        .createQueryBuilder()
        .delete()
        .from(InboundSignature)
        .where('seen_at < :cutoff', { cutoff: new Date(now.getTime() - 2 * REPLAY_WINDOW_S * 1000) })
        .execute();
    });
  }

  private async authenticate(h: InboundHeaders, raw: Buffer | undefined): Promise<Agency> {
    const refuse = async (why: string) => {
      await this.audit.recordAlone({
        actor: null,
        action: 'referral.inboundStatus',
        outcome: 'denied',
        subjectType: 'Agency',
        subjectId: h.agency && /^[0-9a-f-]{36}$/.test(h.agency) ? h.agency : undefined,
        fields: [why],
      });
      return ReferralErrors.INBOUND_UNAUTHENTICATED({ why });
    };
    if (!h.agency || !/^[0-9a-f-]{36}$/i.test(h.agency))
      throw await refuse('missing or malformed X-Enlace-Agency');
    const agency = await this.tx.manager.findOne(Agency, { where: { id: h.agency } });
    const secret = agency && !agency.onEnlace && agency.active ? agencySecret(agency) : undefined;
    if (!agency || !secret) throw await refuse('unknown agency');
    const failure = verify(
      secret,
      { timestamp: h.timestamp, signature: h.signature },
      raw ?? Buffer.alloc(0),
      Math.floor(this.clock.now().getTime() / 1000),
    );
    if (failure) throw await refuse(`signature ${failure}`);
    return agency;
  }
}
