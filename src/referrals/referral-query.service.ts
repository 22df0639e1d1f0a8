import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { AuditService } from '../audit-trail/audit.service';
import { asSubject } from '../authz/ability';
import { AuthzService } from '../authz/authz.service';
import { auditAction } from '../authz/audit-action';
import { CaseLookupService, consentInForce } from '../cases/public';
import { Clock } from '../common/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { PageQuery } from '../common/paging/page-query.dto';
import { pageLimit } from '../common/paging/page';
import { ListReferralsQuery } from './referral.dto';
import { ReferralErrors } from './referral.errors';
import { Referral } from './referral.entity';
import { historyView, recipientView, senderView, snapshotView } from './referral-views';
import { ReferralsRepository } from './referrals.repository';

/** Reads: one referral, its snapshot (audited), the inbox and outbox, a case's referrals. */
@Injectable()
export class ReferralQueryService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly repo: ReferralsRepository,
    private readonly cases: CaseLookupService,
    private readonly authz: AuthzService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async get(actor: Actor, id: string) {
    const m = this.tx.manager;
    const r = await this.repo.findById(m, id);
    if (!r) throw ReferralErrors.REFERRAL_NOT_FOUND();
    await this.authz.assert(actor, 'read', 'Referral', r, { subjectId: r.id, caseId: r.caseId });
    const history = (await this.repo.history(m, id)).map(historyView);
    return { ...this.view(actor, r), history };
  }

  /**
   * The snapshot, never the live case. The recipient reads it only while the referral is active
   * and its consent stands: not withdrawn (access revoked) and, checked here at read time rather
   * than left to the expiry sweep, not expired. Every read (and every refusal) is audited with
   * the categories read.
   */
  async snapshot(actor: Actor, id: string, version?: number) {
    const m = this.tx.manager;
    const r = await this.repo.findById(m, id);
    if (!r) throw ReferralErrors.REFERRAL_NOT_FOUND();
    const ability = this.authz.ability(actor);
    const action = auditAction('Referral', 'readSnapshot');
    await this.authz.assert(actor, 'read', 'Referral', r, { subjectId: r.id, caseId: r.caseId, action });
    const consentInForce = await this.consentInForce(r);
    if (!ability.can('readSnapshot', asSubject('Referral', { ...r, consentInForce }))) {
      await this.authz.denied(actor, 'readSnapshot', 'Referral', { subjectId: r.id, caseId: r.caseId });
      throw ReferralErrors.SNAPSHOT_NOT_AVAILABLE();
    }
    const s = await this.repo.snapshot(m, r.id, version ?? r.snapshotVersion);
    if (!s) throw ReferralErrors.REFERRAL_NOT_FOUND();
    await this.audit.recordAlone({
      action,
      subjectType: 'Referral',
      subjectId: r.id,
      caseId: r.caseId,
      fields: s.categories,
      purpose: r.purpose,
    });
    return snapshotView(s);
  }

  async list(actor: Actor, box: 'inbox' | 'outbox', q: ListReferralsQuery) {
    const page = await this.repo.list(this.tx.manager, this.authz.ability(actor), {
      box,
      agencyId: actor.agencyId,
      status: q.status,
      urgency: q.urgency,
      serviceType: q.serviceType,
      caseId: box === 'outbox' ? q.caseId : undefined,
      overdueAt: q.overdue ? this.clock.now() : undefined,
      createdFrom: q.createdFrom ? new Date(q.createdFrom) : undefined,
      createdTo: q.createdTo ? new Date(q.createdTo) : undefined,
      limit: pageLimit(q),
      cursor: q.cursor,
    });
    // The same name as a refused list (`list` on Referral); the box is the route's.
    await this.audit.recordAlone({ action: auditAction('Referral', 'list'), subjectType: 'Referral' });
    const items = box === 'inbox' ? page.items.map(recipientView) : page.items.map(senderView);
    return { items, nextCursor: page.nextCursor };
  }

  /** The referrals of one case with their outcomes (the outcome written back to the sender's case). */
  async forCase(actor: Actor, caseId: string, q: PageQuery) {
    const m = this.tx.manager;
    const c = await this.cases.findCase(m, caseId);
    if (!c) throw ReferralErrors.REFERRAL_CASE_NOT_FOUND();
    await this.authz.assert(actor, 'listForCase', 'Referral', { case: c }, { caseId });
    const page = await this.repo.forCase(m, this.authz.ability(actor), caseId, {
      cursor: q.cursor,
      limit: pageLimit(q),
    });
    await this.audit.recordAlone({
      action: auditAction('Referral', 'listForCase'),
      subjectType: 'Referral',
      caseId,
    });
    return {
      items: page.items.map((r) => ({
        ...senderView(r),
        serviceOutcome: r.outcomeRecord
          ? {
              outcome: r.outcomeRecord.outcome,
              completedAt: r.outcomeRecord.completedAt,
              reportedVia: r.outcomeRecord.reportedVia,
            }
          : null,
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** Does the consent behind the referral stand now? An override has no consent to lapse. */
  private async consentInForce(r: Referral): Promise<boolean> {
    if (!r.consentId) return true;
    const consent = await this.cases.findConsent(this.tx.manager, r.consentId);
    return consent !== null && consentInForce(consent, this.clock.now());
  }

  private view(actor: Actor, r: Referral) {
    // Only the sending side may dispatch: it gets the sender's view, anyone else the recipient's.
    return this.authz.ability(actor).can('dispatch', asSubject('Referral', r))
      ? senderView(r)
      : recipientView(r);
  }
}
