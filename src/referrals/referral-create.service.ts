import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { AuditService } from '../audit-trail/audit.service';
import { AuthzService } from '../authz/authz.service';
import { auditAction } from '../authz/audit-action';
import { CaseLookupService } from '../cases/public';
import { Clock } from '../common/clock';
import { CommonErrors } from '../common/errors/common.errors';
import { TransactionRunner } from '../database/transaction-runner';
import { Agency } from '../directory/agency.entity';
import { CreateReferralDto } from './referral.dto';
import { ReferralErrors } from './referral.errors';
import { ReferralDispatcher } from './referral-dispatcher';
import { ReferralSharingRules } from './sharing/referral-sharing-rules';
import { ReferralSnapshots } from './referral-snapshots';
import { senderView } from './referral-views';
import { ReferralsRepository } from './referrals.repository';

/** POST /referrals: checks consent (or override), agreement and categories; writes a draft with snapshot v1. */
@Injectable()
export class ReferralCreateService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly repo: ReferralsRepository,
    private readonly cases: CaseLookupService,
    private readonly sharing: ReferralSharingRules,
    private readonly snapshots: ReferralSnapshots,
    private readonly dispatcher: ReferralDispatcher,
    private readonly authz: AuthzService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, dto: CreateReferralDto) {
    if (dto.override && dto.consentId)
      throw CommonErrors.VALIDATION_FAILED({}, [
        {
          field: 'override',
          code: 'consentOrOverride',
          message: {
            es: 'Indique el consentimiento o la excepción, no ambos.',
            en: 'Give a consent or an override, not both.',
          },
        },
      ]);
    this.sharing.validateTerms({
      serviceType: dto.serviceType,
      purpose: dto.purpose,
      categories: dto.categories,
      overrideSensitive: dto.override?.sensitiveCategories,
    });
    if (dto.override && !this.authz.ability(actor).can('override', 'Referral')) {
      await this.authz.denied(actor, 'override', 'Referral', { caseId: dto.caseId });
      throw ReferralErrors.OVERRIDE_NOT_ALLOWED();
    }
    return this.tx.run(async (m) => {
      const caseFile = await this.cases.findCase(m, dto.caseId);
      if (!caseFile) throw ReferralErrors.REFERRAL_CASE_NOT_FOUND();
      // Only who does casework on the case may refer it (the referral policy's `case.*` scope).
      await this.authz.assert(actor, 'create', 'Referral', { case: caseFile }, { caseId: caseFile.id });
      if (caseFile.status !== 'open') throw ReferralErrors.CASE_NOT_OPEN();
      const recipient = await m.findOne(Agency, { where: { id: dto.recipientAgencyId } });
      if (!recipient || !recipient.active || (!recipient.onEnlace && !recipient.deliveryEndpoint))
        throw ReferralErrors.RECIPIENT_NOT_AVAILABLE();
      if (recipient.services.length && !recipient.services.includes(dto.serviceType))
        throw ReferralErrors.SERVICE_NOT_OFFERED({ serviceType: dto.serviceType });
      const sender = await m.findOneOrFail(Agency, { where: { id: caseFile.agencyId } });
      const requested = [...new Set(dto.categories ?? [])];
      const overrideSensitive = dto.override ? [...new Set(dto.override.sensitiveCategories ?? [])] : null;
      const { agreementId, categories } = await this.sharing.evaluate(m, {
        caseFile,
        sender,
        recipient,
        serviceType: dto.serviceType,
        purpose: dto.purpose,
        consentId: dto.consentId ?? null,
        overrideSensitive,
        requested,
        at: this.clock.now(),
      });
      const r = await this.repo.insert(m, {
        caseId: caseFile.id,
        senderAgencyId: sender.id,
        senderUserId: actor.userId,
        senderCountry: sender.countryCode,
        recipientAgencyId: recipient.id,
        recipientCountry: recipient.countryCode,
        external: !recipient.onEnlace,
        serviceType: dto.serviceType,
        purpose: dto.purpose,
        urgency: dto.urgency,
        reason: dto.reason,
        consentId: dto.consentId ?? null,
        overrideBasis: dto.override?.basis ?? null,
        overrideReason: dto.override?.reason ?? null,
        overrideBy: dto.override ? actor.userId : null,
        overrideSensitiveCategories: overrideSensitive ?? [],
        requestedCategories: requested,
        agreementId,
        status: 'draft',
      });
      await this.repo.insertHistory(m, {
        referralId: r.id,
        fromStatus: null,
        toStatus: 'draft',
        source: 'user',
        actorUserId: actor.userId,
        actorAgencyId: actor.agencyId,
        occurredAt: this.clock.now(),
      });
      await this.snapshots.next(m, r, categories, actor.userId);
      await this.repo.save(m, r);
      // Dispatch first, audit last: the audit chain's lock is then held for the shortest time.
      if (dto.dispatch) await this.dispatcher.dispatchLocked(m, actor, r, false, false);
      await this.audit.record(m, {
        action: 'referral.create',
        subjectType: 'Referral',
        subjectId: r.id,
        caseId: caseFile.id,
        fields: categories,
        purpose: dto.purpose,
      });
      if (dto.override)
        await this.audit.record(m, {
          action: auditAction('Referral', 'override'),
          subjectType: 'Referral',
          subjectId: r.id,
          caseId: caseFile.id,
          fields: categories,
          purpose: dto.override.basis,
        });
      if (dto.dispatch) await this.dispatcher.auditDispatch(m, r);
      return senderView(r);
    });
  }
}
