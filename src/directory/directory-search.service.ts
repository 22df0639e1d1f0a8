import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { AuthzService } from '../authz/authz.service';
import { redact } from '../authz/field-access';
import { TransactionRunner } from '../database/transaction-runner';
import { AgenciesRepository, AgencyFilters } from './agencies.repository';
import { Agency } from './agency.entity';
import { DirectoryErrors } from './directory.errors';
import { AGENCY_FIELDS, USER_FIELDS } from './directory.fields';
import { Page } from '../common/paging/page';
import { UsersRepository } from './users.repository';

/**
 * The directory caseworkers and focal points use to choose where to refer: active agencies of
 * every CRM country, operational fields only (the ability decides which rows and which fields).
 */
@Injectable()
export class DirectorySearchService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly agencies: AgenciesRepository,
    private readonly users: UsersRepository,
    private readonly authz: AuthzService,
  ) {}

  async search(actor: Actor, f: AgencyFilters): Promise<Page<Partial<Agency>>> {
    const ability = this.authz.ability(actor);
    const page = await this.agencies.page(this.tx.manager, ability, 'search', { ...f, active: undefined });
    return { ...page, items: page.items.map((a) => redact(ability, 'read', 'Agency', a, AGENCY_FIELDS)) };
  }

  /** One agency with its active focal points. */
  async get(actor: Actor, id: string): Promise<Partial<Agency> & { focalPoints: unknown[] }> {
    const ability = this.authz.ability(actor);
    const agency = await this.agencies.findById(this.tx.manager, id);
    if (!agency) throw DirectoryErrors.AGENCY_NOT_FOUND({ id });
    await this.authz.assert(actor, 'read', 'Agency', agency, { subjectId: id });
    const focal = await this.users.focalPoints(this.tx.manager, ability, id);
    return {
      ...redact(ability, 'read', 'Agency', agency, AGENCY_FIELDS),
      focalPoints: focal.map((u) => redact(ability, 'read', 'User', u, USER_FIELDS)),
    };
  }
}
