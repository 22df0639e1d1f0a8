import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { Actor } from '../common/actor';
import { AuditService } from '../audit-trail/audit.service';
import { asSubject } from '../authz/ability';
import { AuthzService } from '../authz/authz.service';
import { Clock } from '../common/clock';
import { CRM_COUNTRY_CODES } from '../common/crm-countries';
import { FieldIssue } from '../common/errors/app-error';
import { CommonErrors } from '../common/errors/common.errors';
import { pageLimit } from '../common/paging/page';
import { TransactionRunner } from '../database/transaction-runner';
import { Agency } from '../directory/agency.entity';
import { requestedStatus, settledStatus, widens } from './agreement-approval';
import { AgreementApproval, DataSharingAgreement } from './agreement.entity';
import { AgreementErrors } from './agreement.errors';
import {
  ApproveAgreementDto,
  CreateAgreementDto,
  ListAgreementsQuery,
  UpdateAgreementDto,
} from './agreement.dto';
import { AgreementsRepository } from './agreements.repository';
import { SharingVocabulary } from './sharing-vocabulary';

/**
 * Administrators' management of data-sharing agreements, scoped to their country. An agreement
 * becomes active only once every involved country approved its terms (agreement-approval.ts):
 * the creator's country by creating it, each other one through `approve`.
 */
@Injectable()
export class AgreementService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly repo: AgreementsRepository,
    private readonly vocab: SharingVocabulary,
    private readonly authz: AuthzService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  create(actor: Actor, dto: CreateAgreementDto): Promise<DataSharingAgreement> {
    return this.tx.run(async (m) => {
      const partyAgencyIds = [...new Set(dto.partyAgencyIds ?? [])];
      const partyCountryCodes = [...new Set(dto.partyCountryCodes ?? [])];
      const issues = this.checkTerms(dto.purposes, dto.dataCategories);
      if (!partyAgencyIds.length && !partyCountryCodes.length)
        issues.push({
          field: 'partyAgencyIds',
          code: 'noParties',
          message: msg('Indique al menos una parte.', 'Name at least one party.'),
        });
      partyCountryCodes
        .filter((c) => !CRM_COUNTRY_CODES.includes(c))
        .forEach((c) =>
          issues.push({
            field: 'partyCountryCodes',
            code: 'unknownCountry',
            message: msg(`País desconocido: ${c}.`, `Unknown country: ${c}.`),
          }),
        );
      const agencies = partyAgencyIds.length
        ? await m.find(Agency, { where: { id: In(partyAgencyIds) } })
        : [];
      if (agencies.length !== partyAgencyIds.length)
        issues.push({
          field: 'partyAgencyIds',
          code: 'unknownAgency',
          message: msg('Alguna institución no existe.', 'Some agency does not exist.'),
        });
      const validFrom = new Date(dto.validFrom);
      const validUntil = dto.validUntil ? new Date(dto.validUntil) : null;
      if (validUntil && validUntil <= validFrom)
        issues.push({
          field: 'validUntil',
          code: 'beforeValidFrom',
          message: msg('Debe ser posterior al inicio.', 'Must be after validFrom.'),
        });
      if (issues.length) throw AgreementErrors.AGREEMENT_INVALID({}, issues);
      const involvedCountries = [
        ...new Set([...partyCountryCodes, ...agencies.map((a) => a.countryCode)]),
      ].sort();
      if (!this.authz.ability(actor).can('create', asSubject('Agreement', { involvedCountries }))) {
        await this.authz.denied(actor, 'create', 'Agreement');
        throw AgreementErrors.AGREEMENT_OUTSIDE_SCOPE({ country: actor.countryCode });
      }
      const approvals = [this.approval(actor)];
      const saved = await this.repo.insert(m, {
        reference: dto.reference,
        title: dto.title,
        partyAgencyIds,
        partyCountryCodes,
        involvedCountries,
        purposes: [...new Set(dto.purposes)],
        dataCategories: [...new Set(dto.dataCategories)],
        validFrom,
        validUntil,
        approvals,
        status: settledStatus(dto.status ?? 'active', { involvedCountries, approvals }),
        createdBy: actor.userId,
      });
      await this.audit.record(m, {
        action: 'agreement.create',
        subjectType: 'Agreement',
        subjectId: saved.id,
        fields: ['purposes', 'dataCategories', 'parties', 'validity', 'status', 'approvals'],
      });
      return saved;
    });
  }

  update(actor: Actor, id: string, dto: UpdateAgreementDto): Promise<DataSharingAgreement> {
    return this.tx.run(async (m) => {
      const a = await this.load(m, actor, 'update', id, true);
      if (a.version !== dto.version)
        throw CommonErrors.STALE_VERSION({ expected: dto.version, actual: a.version });
      const issues = this.checkTerms(dto.purposes ?? a.purposes, dto.dataCategories ?? a.dataCategories);
      const validUntil = dto.validUntil === undefined ? a.validUntil : new Date(dto.validUntil);
      if (validUntil && validUntil <= a.validFrom)
        issues.push({
          field: 'validUntil',
          code: 'beforeValidFrom',
          message: msg('Debe ser posterior al inicio.', 'Must be after validFrom.'),
        });
      if (issues.length) throw AgreementErrors.AGREEMENT_INVALID({}, issues);
      const changed = Object.keys(dto).filter((k) => k !== 'version');
      const before = { ...a, status: requestedStatus(a.status) };
      const after = {
        status: dto.status ?? before.status,
        purposes: dto.purposes ? [...new Set(dto.purposes)] : a.purposes,
        dataCategories: dto.dataCategories ? [...new Set(dto.dataCategories)] : a.dataCategories,
        validUntil,
      };
      // Wider terms are new terms: the editor's country approves them, the others must again.
      const approvals = widens(before, after) ? [this.approval(actor)] : a.approvals;
      if (approvals !== a.approvals) changed.push('approvals');
      Object.assign(a, after, {
        approvals,
        status: settledStatus(after.status, { involvedCountries: a.involvedCountries, approvals }),
      });
      const saved = await this.repo.save(m, a);
      await this.audit.record(m, {
        action: 'agreement.update',
        subjectType: 'Agreement',
        subjectId: id,
        fields: changed,
      });
      return saved;
    });
  }

  /**
   * The caller's country approves the terms it read (`version`). An administrator of a country
   * that is not involved gets a 403 (audited). The last approval makes the agreement active.
   */
  approve(actor: Actor, id: string, dto: ApproveAgreementDto): Promise<DataSharingAgreement> {
    return this.tx.run(async (m) => {
      const a = await this.load(m, actor, 'approve', id, true);
      if (a.version !== dto.version)
        throw CommonErrors.STALE_VERSION({ expected: dto.version, actual: a.version });
      if (a.status !== 'pending_approval') throw AgreementErrors.AGREEMENT_NOT_PENDING({ status: a.status });
      if (a.approvals.some((x) => x.countryCode === actor.countryCode))
        throw AgreementErrors.AGREEMENT_ALREADY_APPROVED({ country: actor.countryCode });
      a.approvals = [...a.approvals, this.approval(actor)];
      a.status = settledStatus('active', a);
      const saved = await this.repo.save(m, a);
      await this.audit.record(m, {
        action: 'agreement.approve',
        subjectType: 'Agreement',
        subjectId: id,
        fields: a.status === 'active' ? ['approvals', 'status'] : ['approvals'],
      });
      return saved;
    });
  }

  get(actor: Actor, id: string): Promise<DataSharingAgreement> {
    return this.load(this.tx.manager, actor, 'read', id);
  }

  list(actor: Actor, q: ListAgreementsQuery) {
    return this.tx.run(async (m) => {
      const agency = q.agencyId ? await m.findOne(Agency, { where: { id: q.agencyId } }) : undefined;
      if (q.agencyId && !agency) return { items: [], nextCursor: null };
      return this.repo.list(m, actor.countryCode, {
        status: q.status,
        agency: agency ?? undefined,
        limit: pageLimit(q),
        cursor: q.cursor,
      });
    });
  }

  private async load(
    m: EntityManager,
    actor: Actor,
    action: string,
    id: string,
    lock = false,
  ): Promise<DataSharingAgreement> {
    const a = await this.repo.findById(m, id, lock);
    if (!a) throw AgreementErrors.AGREEMENT_NOT_FOUND();
    await this.authz.assert(actor, action, 'Agreement', a, { subjectId: id });
    return a;
  }

  private approval(actor: Actor): AgreementApproval {
    return {
      countryCode: actor.countryCode,
      approvedBy: actor.userId,
      approvedAt: this.clock.now().toISOString(),
    };
  }

  private checkTerms(purposes: string[], categories: string[]): FieldIssue[] {
    return [
      ...this.vocab.check('consent-purposes', 'purposes', purposes),
      ...this.vocab.check('data-categories', 'dataCategories', categories),
    ];
  }
}

function msg(es: string, en: string) {
  return { es, en };
}
