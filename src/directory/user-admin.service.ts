import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { AuthzService } from '../authz/authz.service';
import { redact } from '../authz/field-access';
import { CommonErrors } from '../common/errors/common.errors';
import { TransactionRunner } from '../database/transaction-runner';
import { CredentialsRepository } from '../identity/credentials.repository';
import { IdentityErrors } from '../identity/identity.errors';
import { hashPassword } from '../identity/password-hasher';
import { passwordIssues } from '../identity/password-rules';
import { SessionsService } from '../identity/sessions.service';
import { AgenciesRepository } from './agencies.repository';
import { Agency } from './agency.entity';
import { checkVersion, defined } from './agency-admin.service';
import type { CreateUserDto, UpdateUserDto } from './directory.dto';
import { DirectoryErrors } from './directory.errors';
import { USER_FIELDS } from './directory.fields';
import { Page } from './keyset';
import { UserFilters, UsersRepository, UserView } from './users.repository';

type UserOut = Partial<UserView>;

/** An administrator managing the user accounts of their country (a user's country is its agency's). */
@Injectable()
export class UserAdminService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly users: UsersRepository,
    private readonly agencies: AgenciesRepository,
    private readonly credentials: CredentialsRepository,
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

  async create(actor: Actor, dto: CreateUserDto): Promise<UserOut> {
    const email = dto.email.trim().toLowerCase();
    const agency = await this.agency(this.tx.manager, dto.agencyId);
    await this.authz.assert(actor, 'create', 'User', {
      countryCode: agency.countryCode,
      agencyId: agency.id,
      role: dto.role,
    });
    requireActive(agency);
    const issues = passwordIssues(dto.password, email, 'password');
    if (issues.length) throw IdentityErrors.PASSWORD_REJECTED({}, issues);
    const passwordHash = await hashPassword(dto.password);
    const id = await this.tx.run(async (m) => {
      if (await this.users.emailTaken(m, email)) throw DirectoryErrors.EMAIL_TAKEN();
      const newId = await this.users
        .insert(m, {
          agencyId: agency.id,
          role: dto.role,
          email,
          fullName: dto.fullName.trim(),
          language: dto.language ?? 'es',
          passwordHash,
        })
        .catch((e: { code?: string }) => {
          throw e.code === '23505' ? DirectoryErrors.EMAIL_TAKEN() : e;
        });
      await this.audit.record(m, {
        action: 'user.create',
        subjectType: 'User',
        subjectId: newId,
        fields: ['agencyId', 'role', 'email', 'fullName', 'language', 'passwordHash'],
      });
      return newId;
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserOut> {
    const { version, ...rest } = dto;
    const changes = defined(rest);
    if (changes.fullName) changes.fullName = changes.fullName.trim();
    await this.tx.run(async (m) => {
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
      await this.users.update(m, id, changes);
      await this.audit.record(m, { action: 'user.update', subjectType: 'User', subjectId: id, fields });
    });
    return this.get(actor, id);
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

  /** Sets a password (rules apply), clears any lock and ends the user's sessions. */
  async setPassword(actor: Actor, id: string, password: string): Promise<void> {
    const user = await this.users.findById(this.tx.manager, id);
    if (!user) throw DirectoryErrors.USER_NOT_FOUND({ id });
    await this.authz.assert(actor, 'setPassword', 'User', user, { subjectId: id });
    const issues = passwordIssues(password, user.email, 'password');
    if (issues.length) throw IdentityErrors.PASSWORD_REJECTED({}, issues);
    const hash = await hashPassword(password);
    await this.tx.run(async (m) => {
      await this.credentials.setPasswordHash(m, id, hash);
      await this.sessions.revokeAll(m, id);
      await this.audit.record(m, {
        action: 'user.password.set',
        subjectType: 'User',
        subjectId: id,
        fields: ['passwordHash'],
      });
    });
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

function requireActive(agency: Agency): void {
  if (!agency.active)
    throw CommonErrors.VALIDATION_FAILED({}, [
      {
        field: 'agencyId',
        code: 'agencyInactive',
        message: { es: 'La institución está desactivada.', en: 'The agency is deactivated.' },
      },
    ]);
}
