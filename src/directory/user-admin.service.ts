import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit-trail/audit.service';
import type { Actor } from '../common/actor';
import { AuthzService } from '../authz/authz.service';
import { redact } from '../authz/field-access';
import { TransactionRunner } from '../database/transaction-runner';
import { ActivationService, ActivationTicket } from '../identity/activation.service';
import { SessionsService } from '../identity/sessions.service';
import { AgenciesRepository } from './agencies.repository';
import { Agency } from './agency.entity';
import { checkVersion, defined } from './agency-admin.service';
import type { CreateUserDto, UpdateUserDto } from './directory.dto';
import { DirectoryErrors } from './directory.errors';
import { USER_FIELDS } from './directory.fields';
import { SECOND_PERSON_ROLES } from './directory.policy';
import { Page } from '../common/paging/page';
import { requireActive } from './require-active-agency';
import { GrantView } from './user-grants.repository';
import { UserGrantsService } from './user-grants.service';
import { UserFilters, UsersRepository, UserView } from './users.repository';

type UserOut = Partial<UserView>;

/**
 * A user after a create, update or reset: `grant` when a second person must approve before the
 * change takes effect; `activation` (for roles that need no second person) when the caller is the
 * one who hands the new account's activation token to its holder.
 */
type UserChange = UserOut & { grant?: GrantView; activation?: ActivationTicket };

/**
 * An administrator managing the user accounts of their country (a user's country is its agency's).
 * Administrators never choose passwords: accounts are activated with single-use tokens, and a
 * grant of a SECOND_PERSON_ROLES role waits for a second person (UserGrantsService).
 */
@Injectable()
export class UserAdminService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly users: UsersRepository,
    private readonly agencies: AgenciesRepository,
    private readonly grants: UserGrantsService,
    private readonly activation: ActivationService,
    private readonly sessions: SessionsService,
    private readonly authz: AuthzService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, f: UserFilters): Promise<Page<UserOut>> {
    const page = await this.users.page(this.tx.manager, this.authz.ability(actor), 'list', f);
    return { ...page, items: page.items.map((u) => this.out(actor, u)) };
  }

  async get(actor: Actor, id: string): Promise<UserOut> {
    const user = await this.users.findById(this.tx.manager, id);
    if (!user) throw DirectoryErrors.USER_NOT_FOUND({ id });
    await this.authz.assert(actor, 'read', 'User', user, { subjectId: id });
    return this.out(actor, user);
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<UserChange> {
    const email = dto.email.trim().toLowerCase();
    const agency = await this.agency(this.tx.manager, dto.agencyId);
    await this.authz.assert(actor, 'create', 'User', {
      countryCode: agency.countryCode,
      agencyId: agency.id,
      role: dto.role,
    });
    requireActive(agency);
    const secondPerson = SECOND_PERSON_ROLES.includes(dto.role);
    const { id, extra } = await this.tx.run(async (m) => {
      if (await this.users.emailTaken(m, email)) throw DirectoryErrors.EMAIL_TAKEN();
      const newId = await this.users
        .insert(m, {
          agencyId: agency.id,
          role: dto.role,
          email,
          fullName: dto.fullName.trim(),
          language: dto.language ?? 'es',
          // No usable password until the holder of an activation token sets one.
          passwordHash: '',
          accessState: secondPerson ? 'awaiting_approval' : 'awaiting_activation',
        })
        .catch((e: { code?: string }) => {
          throw e.code === '23505' ? DirectoryErrors.EMAIL_TAKEN() : e;
        });
      await this.audit.record(m, {
        action: 'user.create',
        subjectType: 'User',
        subjectId: newId,
        fields: ['agencyId', 'role', 'email', 'fullName', 'language', 'accessState'],
      });
      const more: Omit<UserChange, keyof UserOut> = secondPerson
        ? {
            grant: await this.grants.request(m, actor, {
              userId: newId,
              kind: 'create',
              role: dto.role,
              agencyId: agency.id,
              countryCode: agency.countryCode,
            }),
          }
        : { activation: await this.activation.issue(m, newId, actor) };
      return { id: newId, extra: more };
    });
    return { ...(await this.get(actor, id)), ...extra };
  }

  /**
   * Applies the changes; a role or agency change that gives a SECOND_PERSON_ROLES role is not
   * applied but recorded as a pending grant (returned as `grant`).
   */
  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserChange> {
    const { version, ...rest } = dto;
    const changes = defined(rest);
    if (changes.fullName) changes.fullName = changes.fullName.trim();
    const grant = await this.tx.run(async (m) => {
      const current = await this.load(m, actor, id, 'update');
      checkVersion(version, current.version);
      const fields = Object.keys(changes).sort();
      for (const field of fields)
        await this.authz.assert(actor, 'update', 'User', current, { subjectId: id, field });
      if (changes.agencyId && changes.agencyId !== current.agencyId) {
        // Moving a user is allowed only to an agency the administrator manages.
        const target = await this.agency(m, changes.agencyId);
        await this.authz.assert(
          actor,
          'update',
          'User',
          { ...current, countryCode: target.countryCode },
          {
            subjectId: id,
            field: 'agencyId',
          },
        );
        requireActive(target);
      }
      const moves =
        (changes.role !== undefined && changes.role !== current.role) ||
        (changes.agencyId !== undefined && changes.agencyId !== current.agencyId);
      if (moves && (await this.grants.pending(m, id))) throw DirectoryErrors.GRANT_PENDING();
      let pending: GrantView | undefined;
      const role = changes.role ?? current.role;
      if (moves && SECOND_PERSON_ROLES.includes(role)) {
        const agencyId = changes.agencyId ?? current.agencyId;
        const target = await this.agency(m, agencyId);
        pending = await this.grants.request(m, actor, {
          userId: id,
          kind: 'change',
          role,
          agencyId,
          countryCode: target.countryCode,
        });
        delete changes.role;
        delete changes.agencyId;
      }
      if (!pending || Object.keys(changes).length) {
        await this.users.update(m, id, changes);
        await this.audit.record(m, {
          action: 'user.update',
          subjectType: 'User',
          subjectId: id,
          fields: Object.keys(changes).sort(),
        });
      }
      return pending;
    });
    const out = await this.get(actor, id);
    return grant ? { ...out, grant } : out;
  }

  /** Deactivation also ends the user's sessions (refresh tokens); access tokens expire within their TTL. */
  async setActive(actor: Actor, id: string, active: boolean, version?: number): Promise<UserOut> {
    const action = active ? 'activate' : 'deactivate';
    await this.tx.run(async (m) => {
      const current = await this.load(m, actor, id, action);
      if (version !== undefined) checkVersion(version, current.version);
      if (current.active !== active) await this.users.update(m, id, { active });
      if (!active) await this.sessions.revokeAll(m, id);
      await this.audit.record(m, {
        action: `user.${action}`,
        subjectType: 'User',
        subjectId: id,
        fields: ['active'],
      });
    });
    return this.get(actor, id);
  }

  /**
   * New credentials through a new activation token (the administrator never sets a password).
   * For a SECOND_PERSON_ROLES account this is a pending grant: the token goes to its approver.
   */
  async resetActivation(actor: Actor, id: string): Promise<UserChange> {
    const extra = await this.tx.run(async (m): Promise<Omit<UserChange, keyof UserOut>> => {
      const user = await this.load(m, actor, id, 'resetActivation');
      // Named like its refusal; the token or the grant it leads to has its own entry.
      await this.audit.record(m, {
        action: 'user.resetActivation',
        subjectType: 'User',
        subjectId: id,
        fields: ['accessState'],
      });
      if (user.accessState === 'awaiting_approval' || (await this.grants.pending(m, id)))
        throw DirectoryErrors.GRANT_PENDING();
      if (!SECOND_PERSON_ROLES.includes(user.role))
        return { activation: await this.activation.issue(m, id, actor) };
      const grant = await this.grants.request(m, actor, {
        userId: id,
        kind: 'reset',
        role: user.role,
        agencyId: user.agencyId,
        countryCode: user.countryCode,
      });
      return { grant };
    });
    return { ...(await this.get(actor, id)), ...extra };
  }

  private async load(m: EntityManager, actor: Actor, id: string, action: string): Promise<UserView> {
    const current = await this.users.findById(m, id, true);
    if (!current) throw DirectoryErrors.USER_NOT_FOUND({ id });
    await this.authz.assert(actor, action, 'User', current, { subjectId: id });
    return current;
  }

  private async agency(m: EntityManager, id: string): Promise<Agency> {
    const agency = await this.agencies.findById(m, id);
    if (!agency) throw DirectoryErrors.AGENCY_NOT_FOUND({ id });
    return agency;
  }

  private out(actor: Actor, u: UserView): UserOut {
    return redact(this.authz.ability(actor), 'read', 'User', u, USER_FIELDS);
  }
}
