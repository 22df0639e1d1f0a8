import { Injectable } from '@nestjs/common';
import { PageQuery } from '../../common/paging/page-query.dto';
import type { Actor } from '../../common/actor';
import { AuditService } from '../../audit-trail/audit.service';
import { Clock } from '../../common/clock';
import { DomainEvents } from '../../common/domain-events';
import { CommonErrors } from '../../common/errors/common.errors';
import { TransactionRunner } from '../../database/transaction-runner';
import { CaseAccess } from '../case-access';
import { CaseErrors, issue } from '../case.errors';
import { Vocabularies } from '../../vocabularies/vocabularies.service';
import { consentInForce } from './consent.entity';
import { ConsentRepository } from './consent.repository';
import { CreateConsentDto, WithdrawConsentDto } from './case-records.dto';

/**
 * Consent and assent: who gave it, for which purposes, recipients and data categories. Withdrawal
 * is immediate and publishes `consent.withdrawn` in the same transaction, so whatever depends on
 * the consent (referral access, future sharing) is revoked before the request returns.
 */
@Injectable()
export class CaseConsentService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly access: CaseAccess,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly vocab: Vocabularies,
    private readonly consents: ConsentRepository,
  ) {}

  create(actor: Actor, caseId: string, dto: CreateConsentDto) {
    return this.tx.run(async (m) => {
      const c = await this.access.load(m, actor, caseId, 'consent', { open: true, audit: 'consent.create' });
      const issues = [
        ...this.vocab.check('consent-purposes', 'purposes', dto.purposes),
        ...this.vocab.check('data-categories', 'dataCategories', dto.dataCategories),
      ];
      const recipients = dto.recipientAgencyIds ?? [];
      if (!recipients.length && !dto.anyRecipientInCountry)
        issues.push(
          issue('recipientAgencyIds', 'arrayNotEmpty', 'Indique los destinatarios.', 'Name the recipients.'),
        );
      if (recipients.length) {
        const found = await this.consents.knownAgencies(m, recipients);
        if (found !== new Set(recipients).size)
          issues.push(
            issue('recipientAgencyIds', 'unknownAgency', 'Agencia desconocida.', 'Unknown agency.'),
          );
      }
      const now = this.clock.now();
      if (new Date(dto.givenAt) > now)
        issues.push(
          issue('givenAt', 'maxDate', 'La fecha no puede ser futura.', 'The date cannot be in the future.'),
        );
      if (dto.expiresAt && new Date(dto.expiresAt) <= new Date(dto.givenAt))
        issues.push(issue('expiresAt', 'minDate', 'Debe ser posterior a givenAt.', 'Must be after givenAt.'));
      if (issues.length) throw CommonErrors.VALIDATION_FAILED({}, issues);
      const consent = await this.consents.create(m, {
        caseId: c.id,
        givenBy: dto.givenBy,
        childAssent: dto.childAssent ?? null,
        purposes: dto.purposes,
        recipientAgencyIds: recipients,
        anyRecipientInCountry: dto.anyRecipientInCountry ?? false,
        dataCategories: dto.dataCategories,
        givenAt: new Date(dto.givenAt),
        expiresAt: dto.expiresAt ? new Date(dto.expiresAt) : null,
        recordedBy: actor.userId,
      });
      await this.audit.record(m, {
        actor,
        action: 'consent.create',
        subjectType: 'Consent',
        subjectId: consent.id,
        caseId: c.id,
        fields: ['operational'],
      });
      return consent;
    });
  }

  list(actor: Actor, caseId: string, q: PageQuery) {
    return this.tx.run(async (m) => {
      await this.access.load(m, actor, caseId, 'readRecords', { audit: 'consent.list' });
      const page = await this.consents.list(m, caseId, q);
      const now = this.clock.now();
      await this.audit.record(m, {
        actor,
        action: 'consent.list',
        subjectType: 'Consent',
        caseId,
        fields: ['operational'],
      });
      return {
        items: page.items.map((x) => ({
          ...x,
          inForce: consentInForce(x, now),
        })),
        nextCursor: page.nextCursor,
      };
    });
  }

  withdraw(actor: Actor, caseId: string, consentId: string, dto: WithdrawConsentDto) {
    return this.tx.run(async (m) => {
      await this.access.load(m, actor, caseId, 'consent', { audit: 'consent.withdraw' });
      const consent = await this.consents.findForUpdate(m, caseId, consentId);
      if (!consent) throw CaseErrors.RECORD_NOT_FOUND();
      if (consent.withdrawnAt) throw CaseErrors.CONSENT_ALREADY_WITHDRAWN();
      consent.withdrawnAt = this.clock.now();
      consent.withdrawnBy = actor.userId;
      consent.withdrawalReason = dto.reason ?? null;
      await this.consents.save(m, consent);
      await this.audit.record(m, {
        actor,
        action: 'consent.withdraw',
        subjectType: 'Consent',
        subjectId: consent.id,
        caseId,
        fields: ['operational'],
      });
      await this.events.publish(m, 'consent.withdrawn', { caseId, consentId: consent.id });
      return consent;
    });
  }
}
