import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { AuthzService } from '../authz/authz.service';
import { CRM_COUNTRY_CODES } from '../common/crm-countries';
import { FieldIssue } from '../common/errors/app-error';
import { CommonErrors } from '../common/errors/common.errors';
import { TransactionRunner } from '../database/transaction-runner';
import { Agency } from '../directory/agency.entity';
import { DataSharingAgreement } from './agreement.entity';
import { AgreementErrors } from './agreement.errors';
import { CreateAgreementDto, ListAgreementsQuery, UpdateAgreementDto } from './agreement.dto';
import { AgreementsRepository } from './agreements.repository';
import { SharingVocabulary } from './sharing-vocabulary.service';

/** Administrators' management of data-sharing agreements, scoped to their country. */
@Injectable()
export class AgreementService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly repo: AgreementsRepository,
    private readonly vocab: SharingVocabulary,
    private readonly authz: AuthzService,
    private readonly audit: AuditService,
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
      if (!involvedCountries.includes(actor.countryCode)) {
        await this.authz.denied(actor, 'create', 'Agreement');
        throw AgreementErrors.AGREEMENT_OUTSIDE_SCOPE({ country: actor.countryCode });
      }
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
        status: dto.status ?? 'active',
        createdBy: actor.userId,
      });
      await this.audit.record(m, {
        action: 'agreement.create',
        subjectType: 'Agreement',
        subjectId: saved.id,
        fields: ['purposes', 'dataCategories', 'parties', 'validity', 'status'],
      });
      return saved;
    });
  }

  update(actor: Actor, id: string, dto: UpdateAgreementDto): Promise<DataSharingAgreement> {
    return this.tx.run(async (m) => {
      const a = await this.load(m, actor, 'update', id);
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
      Object.assign(a, {
        status: dto.status ?? a.status,
        purposes: dto.purposes ? [...new Set(dto.purposes)] : a.purposes,
        dataCategories: dto.dataCategories ? [...new Set(dto.dataCategories)] : a.dataCategories,
        validUntil,
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
        limit: q.limit ?? 25,
        cursor: q.cursor,
      });
    });
  }

  private async load(
    m: EntityManager,
    actor: Actor,
    action: string,
    id: string,
  ): Promise<DataSharingAgreement> {
    const a = await this.repo.findById(m, id);
    if (!a) throw AgreementErrors.AGREEMENT_NOT_FOUND();
    await this.authz.assert(actor, action, 'Agreement', a, { subjectId: id });
    return a;
  }

  private checkTerms(purposes: string[], categories: string[]): FieldIssue[] {
    const issues: FieldIssue[] = [];
    for (const p of purposes.filter((x) => !this.vocab.isPurpose(x)))
      issues.push({
        field: 'purposes',
        code: 'unknownPurpose',
        message: msg(`Propósito desconocido: ${p}.`, `Unknown purpose: ${p}.`),
      });
    for (const c of categories.filter((x) => !this.vocab.isCategory(x)))
      issues.push({
        field: 'dataCategories',
        code: 'unknownCategory',
        message: msg(`Categoría desconocida: ${c}.`, `Unknown category: ${c}.`),
      });
    return issues;
  }
}

function msg(es: string, en: string) {
  return { es, en };
}
