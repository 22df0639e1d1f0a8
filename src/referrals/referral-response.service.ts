import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { AuditService } from '../audit-trail/audit.service';
import { AuthzService } from '../authz/authz.service';
import { Clock } from '../common/clock';
import { CommonErrors } from '../common/errors/common.errors';
import { DomainEvents } from '../common/domain-events';
import { TransactionRunner } from '../database/transaction-runner';
import { ReferralEvent } from './referral-lifecycle';
import { ReferralErrors } from './referral.errors';
import { Referral } from './referral.entity';
import { ReferralTransitions } from './referral-transitions';
import { recipientView } from './referral-views';
import { ReferralsRepository } from './referrals.repository';

export type ResponseEvent = Extract<ReferralEvent, 'accept' | 'reject' | 'start' | 'complete'>;

/**
 * The recipient's answers (accept, reject with reason, start, complete with outcome), from a
 * focal point in Enlace or from an external system through the signed inbound route. Each one
 * publishes `referral.responded` in the same transaction, so the sender is notified of every
 * response; completion also writes the outcome back to the sender's case and publishes
 * `referral.completed`.
 */
@Injectable()
export class ReferralResponseService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly repo: ReferralsRepository,
    private readonly transitions: ReferralTransitions,
    private readonly events: DomainEvents,
    private readonly authz: AuthzService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  byUser(actor: Actor, id: string, event: ResponseEvent, text?: string) {
    return this.tx.run(async (m) => {
      const r = await this.repo.lock(m, id);
      if (!r) throw ReferralErrors.REFERRAL_NOT_FOUND();
      await this.authz.assert(actor, 'respond', 'Referral', r, {
        subjectId: r.id,
        caseId: r.caseId,
        action: `referral.${event}`,
      });
      await this.respond(m, r, event, text, {
        source: 'user',
        userId: actor.userId,
        agencyId: actor.agencyId,
      });
      return recipientView(r);
    });
  }

  /** From an external agency (already authenticated): the referral must be addressed to it. */
  async byExternal(m: EntityManager, agencyId: string, id: string, event: ResponseEvent, text?: string) {
    const r = await this.repo.lock(m, id);
    if (!r || r.recipientAgencyId !== agencyId || !r.external) throw ReferralErrors.REFERRAL_NOT_FOUND();
    // A partner resending the status it already reported gets the same answer, not an error.
    const already = { accept: 'accepted', reject: 'rejected', start: 'in_progress', complete: 'completed' }[
      event
    ];
    if (r.status !== already)
      await this.respond(m, r, event, text, { source: 'external', userId: null, agencyId }, { actor: null });
    return { referralId: r.id, status: r.status };
  }

  private async respond(
    m: EntityManager,
    r: Referral,
    event: ResponseEvent,
    text: string | undefined,
    by: { source: 'user' | 'external'; userId: string | null; agencyId: string },
    auditActor: { actor?: null } = {},
  ): Promise<void> {
    if ((event === 'reject' || event === 'complete') && !text) {
      const field = event === 'reject' ? 'reason' : 'outcome';
      throw CommonErrors.VALIDATION_FAILED({}, [
        { field, code: 'required', message: { es: 'Campo obligatorio.', en: 'This field is required.' } },
      ]);
    }
    if (event === 'complete') r.outcome = text ?? null;
    await this.transitions.apply(m, r, event, { ...by, reason: event === 'reject' ? text : null });
    await this.audit.record(m, {
      ...auditActor,
      action: `referral.${event}`,
      subjectType: 'Referral',
      subjectId: r.id,
      caseId: r.caseId,
      fields: event === 'complete' ? ['outcome'] : event === 'reject' ? ['statusReason'] : [],
    });
    await this.events.publish(m, 'referral.responded', {
      referralId: r.id,
      caseId: r.caseId,
      status: r.status,
    });
    if (event === 'complete') {
      await this.repo.insertOutcome(m, {
        caseId: r.caseId,
        referralId: r.id,
        recipientAgencyId: r.recipientAgencyId,
        serviceType: r.serviceType,
        outcome: text!,
        reportedVia: by.source,
        completedAt: r.completedAt ?? this.clock.now(),
      });
      await this.events.publish(m, 'referral.completed', { referralId: r.id, caseId: r.caseId });
    }
  }
}
