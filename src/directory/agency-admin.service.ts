import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit-trail/audit.service';
import type { Actor } from '../common/actor';
import { AuthzService } from '../authz/authz.service';
import { redact } from '../authz/field-access';
import type { FieldIssue } from '../common/errors/app-error';
import { CommonErrors } from '../common/errors/common.errors';
import { TransactionRunner } from '../database/transaction-runner';
import { AgenciesRepository, AgencyFilters } from './agencies.repository';
import { Agency } from './agency.entity';
import type { CreateAgencyDto, UpdateAgencyDto } from './directory.dto';
import { DirectoryErrors } from './directory.errors';
import { AGENCY_FIELDS } from './directory.fields';
import { Page } from '../common/paging/page';
import { Vocabularies } from '../vocabularies/vocabularies.service';
import { isSigningSecretRef, SIGNING_SECRET_PREFIX } from './signing-secret-ref';

type AgencyOut = Partial<Agency>;

/** An administrator managing the agencies of their country. */
@Injectable()
export class AgencyAdminService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly agencies: AgenciesRepository,
    private readonly authz: AuthzService,
    private readonly audit: AuditService,
    private readonly vocab: Vocabularies,
  ) {}

  async list(actor: Actor, f: AgencyFilters): Promise<Page<AgencyOut>> {
    const ability = this.authz.ability(actor);
    const page = await this.agencies.page(this.tx.manager, ability, 'list', { ...f, country: undefined });
    return { ...page, items: page.items.map((a) => this.out(actor, a)) };
  }

  async get(actor: Actor, id: string): Promise<AgencyOut> {
    const agency = await this.agencies.findById(this.tx.manager, id);
    if (!agency) throw DirectoryErrors.AGENCY_NOT_FOUND({ id });
    await this.authz.assert(actor, 'read', 'Agency', agency, { subjectId: id });
    return this.out(actor, agency);
  }

  async create(actor: Actor, dto: CreateAgencyDto): Promise<AgencyOut> {
    await this.authz.assert(actor, 'create', 'Agency', { countryCode: dto.countryCode });
    const values: Partial<Agency> = {
      countryCode: dto.countryCode,
      name: dto.name.trim(),
      acronym: dto.acronym ?? null,
      city: dto.city ?? null,
      type: dto.type,
      services: dedupe(dto.services ?? []),
      onEnlace: dto.onEnlace ?? true,
      contactEmail: dto.contactEmail?.toLowerCase() ?? null,
      contactPhone: dto.contactPhone ?? null,
      deliveryEndpoint: dto.deliveryEndpoint ?? null,
      signingSecretRef: dto.signingSecretRef ?? null,
    };
    this.check(values);
    const agency = await this.tx.run(async (m) => {
      const a = await this.agencies.insert(m, values);
      await this.audit.record(m, {
        action: 'agency.create',
        subjectType: 'Agency',
        subjectId: a.id,
        fields: Object.keys(defined(dto)).sort(),
      });
      return a;
    });
    return this.out(actor, agency);
  }

  async update(actor: Actor, id: string, dto: UpdateAgencyDto): Promise<AgencyOut> {
    const { version, ...rest } = dto;
    const changes = defined(rest);
    if (changes.services) changes.services = dedupe(changes.services);
    if (changes.contactEmail) changes.contactEmail = changes.contactEmail.toLowerCase();
    const agency = await this.tx.run(async (m) => {
      const current = await this.load(m, actor, id, 'update');
      checkVersion(version, current.version);
      const fields = Object.keys(changes).sort();
      for (const field of fields)
        await this.authz.assert(actor, 'update', 'Agency', current, { subjectId: id, field });
      this.check({ ...current, ...changes });
      const a = await this.agencies.update(m, id, changes);
      await this.audit.record(m, { action: 'agency.update', subjectType: 'Agency', subjectId: id, fields });
      return a;
    });
    return this.out(actor, agency);
  }

  /** Deactivated agencies leave the directory search; their users can no longer sign in. */
  setActive(actor: Actor, id: string, active: boolean, version?: number): Promise<AgencyOut> {
    const action = active ? 'activate' : 'deactivate';
    return this.tx.run(async (m) => {
      const current = await this.load(m, actor, id, action);
      if (version !== undefined) checkVersion(version, current.version);
      const a = current.active === active ? current : await this.agencies.update(m, id, { active });
      await this.audit.record(m, {
        action: `agency.${action}`,
        subjectType: 'Agency',
        subjectId: id,
        fields: ['active'],
      });
      return this.out(actor, a);
    });
  }

  private async load(m: EntityManager, actor: Actor, id: string, action: string): Promise<Agency> {
    const current = await this.agencies.findById(m, id, true);
    if (!current) throw DirectoryErrors.AGENCY_NOT_FOUND({ id });
    await this.authz.assert(actor, action, 'Agency', current, { subjectId: id });
    return current;
  }

  /**
   * Cross-field rules: known service types; external agencies (and only they) have an endpoint and
   * a secret name of the documented prefix.
   */
  private check(a: Partial<Agency>): void {
    const issues: FieldIssue[] = this.vocab.check('service-types', 'services', a.services);
    for (const field of ['deliveryEndpoint', 'signingSecretRef'] as const) {
      if (a.onEnlace === false && !a[field])
        issues.push({
          field,
          code: 'requiredForExternalAgency',
          message: {
            es: 'Es obligatorio para una institución que no está en Enlace.',
            en: 'Required for an agency that is not on Enlace.',
          },
        });
      if (a.onEnlace !== false && a[field])
        issues.push({
          field,
          code: 'onlyForExternalAgency',
          message: {
            es: 'Solo aplica a instituciones que no están en Enlace (onEnlace=false).',
            en: 'Only applies to agencies that are not on Enlace (onEnlace=false).',
          },
        });
    }
    // The DTO checks a new name; this also catches a row written before the prefix rule.
    if (a.signingSecretRef && !isSigningSecretRef(a.signingSecretRef))
      issues.push({
        field: 'signingSecretRef',
        code: 'isSigningSecretRef',
        params: { prefix: SIGNING_SECRET_PREFIX },
      });
    if (issues.length) throw CommonErrors.VALIDATION_FAILED({}, issues);
  }

  private out(actor: Actor, a: Agency): AgencyOut {
    return redact(this.authz.ability(actor), 'read', 'Agency', a, AGENCY_FIELDS);
  }
}

export function checkVersion(expected: number, actual: number): void {
  if (expected !== actual) throw CommonErrors.STALE_VERSION({ expected, actual });
}

const dedupe = (xs: string[]): string[] => [...new Set(xs)];

/** The DTO's fields that were sent (validated DTO instances carry every declared key). */
export function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
