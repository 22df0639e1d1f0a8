import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit-trail/audit.service';
import type { Actor } from '../common/actor';
import { AuthzService } from '../authz/authz.service';
import { Clock } from '../common/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { ActivationService, ActivationTicket } from '../identity/activation.service';
import { SessionsService } from '../identity/sessions.service';
import { AgenciesRepository } from './agencies.repository';
import { requireActive } from './require-active-agency';
import { Page } from '../common/paging/page';
import { DirectoryErrors } from './directory.errors';
import { GrantListQuery } from './directory.dto';
import { SECOND_PERSON_ROLES } from './directory.policy';
import { GrantKind, UserGrant } from './user-grant.entity';
import { GrantView, UserGrantsRepository } from './user-grants.repository';
import { UsersRepository } from './users.repository';

export interface Decision {
  grant: GrantView;
  /** Issued to the approver, who hands it to the person; absent when the user keeps their password. */
  activation?: ActivationTicket;
}

/**
 * Second-person grants: a role of SECOND_PERSON_ROLES is given (new account, role or agency
 * change, new credentials) only when someone other than the requester approves it. The
 * activation token of the account is then issued to the approver, never to the requester, so
 * no single administrator ends up holding an account that reads case content.
 */
@Injectable()
export class UserGrantsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly grants: UserGrantsRepository,
    private readonly users: UsersRepository,
    private readonly agencies: AgenciesRepository,
    private readonly activation: ActivationService,
    private readonly sessions: SessionsService,
    private readonly authz: AuthzService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Records a pending grant in the caller's transaction (the caller has authorized the request). */
  async request(
    m: EntityManager,
    actor: Actor,
    g: Pick<UserGrant, 'userId' | 'role' | 'agencyId' | 'countryCode'> & { kind: GrantKind },
  ): Promise<GrantView> {
    if (await this.grants.pendingFor(m, g.userId)) throw DirectoryErrors.GRANT_PENDING();
    const id = await this.grants
      .insert(m, { ...g, status: 'pending', requestedBy: actor.userId, requestedAt: this.clock.now() })
      .catch((e: { code?: string }) => {
        throw e.code === '23505' ? DirectoryErrors.GRANT_PENDING() : e;
      });
    await this.audit.record(m, {
      action: 'userGrant.request',
      subjectType: 'User',
      subjectId: g.userId,
      fields: g.kind === 'reset' ? ['passwordHash'] : ['role', 'agencyId'],
    });
    return (await this.grants.findById(m, id))!;
  }

  /** Whether a grant of this user is waiting for a decision. */
  pending(m: EntityManager, userId: string): Promise<boolean> {
    return this.grants.pendingFor(m, userId);
  }

  list(actor: Actor, q: GrantListQuery): Promise<Page<GrantView>> {
    return this.grants.list(this.tx.manager, this.authz.ability(actor), q.status ?? 'pending', q);
  }

  /** Makes the grant effective; the activation token, when one is needed, goes to the approver. */
  approve(actor: Actor, id: string): Promise<Decision> {
    return this.tx.run(async (m) => {
      const g = await this.pendingGrant(m, actor, id, 'approve');
      const user = await this.users.findById(m, g.userId, true);
      if (!user) throw DirectoryErrors.USER_NOT_FOUND({ id: g.userId });
      if (g.kind !== 'reset') {
        const agency = await this.agencies.findById(m, g.agencyId);
        if (!agency) throw DirectoryErrors.AGENCY_NOT_FOUND({ id: g.agencyId });
        requireActive(agency);
        await this.users.update(m, user.id, { role: g.role, agencyId: g.agencyId });
      }
      // The requester may know the password of an account that did not need a second person
      // (they received its activation token): such an account starts over with a new activation.
      const fresh =
        g.kind !== 'change' || user.accessState !== 'active' || !SECOND_PERSON_ROLES.includes(user.role);
      let activation: ActivationTicket | undefined;
      if (fresh) activation = await this.activation.issue(m, user.id, actor);
      else await this.sessions.revokeAll(m, user.id);
      await this.grants.decide(m, id, {
        status: 'approved',
        decidedBy: actor.userId,
        decidedAt: this.clock.now(),
      });
      await this.audit.record(m, {
        action: 'userGrant.approve',
        subjectType: 'User',
        subjectId: user.id,
        fields: g.kind === 'reset' ? ['passwordHash'] : ['role', 'agencyId'],
      });
      const grant = (await this.grants.findById(m, id))!;
      return activation ? { grant, activation } : { grant };
    });
  }

  /** Refuses the grant; a refused new account never becomes usable. */
  reject(actor: Actor, id: string, reason?: string): Promise<Decision> {
    return this.tx.run(async (m) => {
      const g = await this.pendingGrant(m, actor, id, 'reject');
      if (g.kind === 'create') await this.users.update(m, g.userId, { accessState: 'rejected' });
      await this.grants.decide(m, id, {
        status: 'rejected',
        decidedBy: actor.userId,
        decidedAt: this.clock.now(),
        reason: reason?.trim() || null,
      });
      await this.audit.record(m, {
        action: 'userGrant.reject',
        subjectType: 'User',
        subjectId: g.userId,
        fields: g.kind === 'create' ? ['accessState'] : [],
      });
      return { grant: (await this.grants.findById(m, id))! };
    });
  }

  private async pendingGrant(m: EntityManager, actor: Actor, id: string, action: string): Promise<GrantView> {
    const g = await this.grants.findById(m, id, true);
    if (!g) throw DirectoryErrors.GRANT_NOT_FOUND({ id });
    await this.authz.assert(actor, action, 'UserGrant', g, { subjectId: g.userId });
    if (g.status !== 'pending') throw DirectoryErrors.GRANT_NOT_PENDING({ status: g.status });
    return g;
  }
}
