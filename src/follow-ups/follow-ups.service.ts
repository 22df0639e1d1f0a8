import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { AuditService } from '../audit-trail/audit.service';
import { asSubject } from '../authz/ability';
import { AuthzService } from '../authz/authz.service';
import { permittedClasses, redact } from '../authz/field-access';
import { CaseLookupService } from '../cases/public';
import { Clock } from '../common/clock';
import { CommonErrors } from '../common/errors/common.errors';
import { defineCursor } from '../common/paging/cursor';
import { Page, pageLimit, pageOf } from '../common/paging/page';
import { PageQuery } from '../common/paging/page-query.dto';
import { TransactionRunner } from '../database/transaction-runner';
import { Agency } from '../directory/agency.entity';
import { AppUser } from '../directory/app-user.entity';
import { CompleteFollowUpDto, CreateFollowUpDto, DueListQuery, MissedFollowUpDto } from './follow-up.dto';
import { FOLLOW_UP_FIELDS } from './follow-up.fields';
import { FollowUpScheduler } from './follow-up-scheduler';
import { FollowUpErrors } from './follow-ups.errors';
import { FollowUpRecord, FollowUpsRepository } from './follow-ups.repository';

export type FollowUpView = Partial<FollowUpRecord>;

/** Both follow-up lists are soonest first: due date, then id. */
const CASE_FOLLOW_UPS_CURSOR = defineCursor('follow-ups.case', ['instant', 'uuid']);
const DUE_LIST_CURSOR = defineCursor('follow-ups.mine', ['instant', 'uuid']);

/** The follow-up use cases behind the routes; every write is one transaction with its audit entry. */
@Injectable()
export class FollowUpsService {
  constructor(
    private readonly repo: FollowUpsRepository,
    private readonly scheduler: FollowUpScheduler,
    private readonly cases: CaseLookupService,
    private readonly authz: AuthzService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async listForCase(actor: Actor, caseId: string, q: PageQuery): Promise<Page<FollowUpView>> {
    const after = CASE_FOLLOW_UPS_CURSOR.decode(q.cursor);
    const limit = pageLimit(q);
    const c = await this.cases.findCase(this.tx.manager, caseId);
    if (!c) throw FollowUpErrors.FOLLOW_UP_CASE_NOT_FOUND();
    // May the caller list any follow-up of this case? A focal point only if their agency owns one.
    const owns = await this.repo.owners(this.tx.manager, caseId, actor.userId, actor.agencyId);
    const probe = {
      caseAssignedUserId: c.assignedUserId,
      caseAgencyId: c.agencyId,
      countryCode: c.countryCode,
      responsibleUserId: owns.byUser ? actor.userId : null,
      responsibleAgencyId: owns.byAgency ? actor.agencyId : null,
    };
    await this.authz.assert(actor, 'list', 'FollowUp', probe, { caseId });
    const ability = this.authz.ability(actor);
    const rows = await this.repo.listForCase(this.tx.manager, caseId, ability, {
      limit: limit + 1,
      after: after && { dueAt: after[0], id: after[1] },
    });
    const page = pageOf(rows, limit, (last) => CASE_FOLLOW_UPS_CURSOR.encode(new Date(last.dueAt), last.id));
    await this.audit.recordAlone({
      action: 'followUp.list',
      subjectType: 'Case',
      subjectId: caseId,
      caseId,
      fields: page.items.length
        ? permittedClasses(ability, 'read', 'FollowUp', page.items[0], FOLLOW_UP_FIELDS)
        : [],
    });
    return { items: page.items.map((r) => this.view(actor, r)), nextCursor: page.nextCursor };
  }

  async listDue(actor: Actor, q: DueListQuery): Promise<Page<FollowUpView>> {
    const limit = pageLimit(q);
    const after = DUE_LIST_CURSOR.decode(q.cursor);
    const ability = this.authz.ability(actor);
    const rows = await this.repo.listDue(this.tx.manager, actor, ability, {
      limit: limit + 1,
      after: after && { dueAt: after[0], id: after[1] },
      dueBefore: q.dueBefore ? new Date(q.dueBefore) : undefined,
    });
    const page = pageOf(rows, limit, (last) => DUE_LIST_CURSOR.encode(new Date(last.dueAt), last.id));
    await this.audit.recordAlone({
      action: 'followUp.list',
      subjectType: 'FollowUp',
      fields: page.items.length
        ? permittedClasses(ability, 'read', 'FollowUp', page.items[0], FOLLOW_UP_FIELDS)
        : [],
    });
    return { items: page.items.map((r) => this.view(actor, r)), nextCursor: page.nextCursor };
  }

  async create(actor: Actor, caseId: string, dto: CreateFollowUpDto): Promise<FollowUpView> {
    const now = this.clock.now();
    const dueAt = new Date(dto.dueAt);
    if (dueAt.getTime() < now.getTime())
      throw CommonErrors.VALIDATION_FAILED({}, [{ field: 'dueAt', code: 'notInThePast' }]);
    return this.tx.run(async (m) => {
      await this.repo.lockCase(m, caseId);
      const c = await this.cases.findCase(m, caseId);
      if (!c) throw FollowUpErrors.FOLLOW_UP_CASE_NOT_FOUND();
      const responsibleAgencyId = dto.responsibleAgencyId ?? c.agencyId;
      const responsibleUserId =
        dto.responsibleUserId ?? (responsibleAgencyId === c.agencyId ? c.assignedUserId : null);
      await this.authz.assert(
        actor,
        'create',
        'FollowUp',
        {
          caseAssignedUserId: c.assignedUserId,
          caseAgencyId: c.agencyId,
          countryCode: c.countryCode,
          responsibleUserId,
          responsibleAgencyId,
        },
        { caseId },
      );
      await this.checkResponsible(m, responsibleAgencyId, responsibleUserId);
      const [id] = await this.repo.insert(m, [
        {
          caseId,
          type: dto.type,
          kind: 'manual',
          dueAt,
          explain: `manual: scheduled by ${actor.role} on ${now.toISOString().slice(0, 10)}`,
          responsibleUserId,
          responsibleAgencyId,
          referralId: dto.referralId ?? null,
          status: 'scheduled',
          createdBy: actor.userId,
        },
      ]);
      await this.audit.record(m, {
        action: 'followUp.create',
        subjectType: 'FollowUp',
        subjectId: id,
        caseId,
        fields: ['type', 'dueAt', 'responsibleUserId', 'responsibleAgencyId', 'referralId'],
      });
      return this.view(actor, (await this.repo.findById(m, id))!);
    });
  }

  complete(actor: Actor, id: string, dto: CompleteFollowUpDto): Promise<FollowUpView> {
    return this.resolve(actor, id, dto.version, 'complete', dto.contactMade ? 'completed' : 'missed', {
      contactMade: dto.contactMade,
      outcomeNotes: dto.outcomeNotes ?? null,
    });
  }

  missed(actor: Actor, id: string, dto: MissedFollowUpDto): Promise<FollowUpView> {
    return this.resolve(actor, id, dto.version, 'complete', 'missed', {
      contactMade: false,
      outcomeNotes: dto.outcomeNotes ?? null,
    });
  }

  cancel(actor: Actor, id: string, version: number): Promise<FollowUpView> {
    return this.resolve(actor, id, version, 'cancel', 'cancelled', { cancelReason: 'manual' });
  }

  private async resolve(
    actor: Actor,
    id: string,
    version: number,
    action: 'complete' | 'cancel',
    status: 'completed' | 'missed' | 'cancelled',
    patch: { contactMade?: boolean; outcomeNotes?: string | null; cancelReason?: string },
  ): Promise<FollowUpView> {
    return this.tx.run(async (m) => {
      const found = await this.repo.findById(m, id);
      if (!found) throw FollowUpErrors.FOLLOW_UP_NOT_FOUND();
      // A completion without contact is recorded as `missed`: so is its refusal.
      const audited = `followUp.${status === 'cancelled' ? 'cancel' : status === 'completed' ? 'complete' : 'missed'}`;
      await this.authz.assert(actor, action, 'FollowUp', found, {
        subjectId: id,
        caseId: found.caseId,
        action: audited,
      });
      await this.repo.lockCase(m, found.caseId);
      const f = (await this.repo.findById(m, id, true))!;
      if (f.version !== version) throw CommonErrors.STALE_VERSION({ expected: version, actual: f.version });
      if (f.status !== 'scheduled') throw FollowUpErrors.FOLLOW_UP_NOT_SCHEDULED({ status: f.status });
      const at = this.clock.now();
      await this.repo.resolve(m, id, version, {
        status,
        at,
        contactMade: patch.contactMade ?? null,
        outcomeNotes: patch.outcomeNotes ?? null,
        cancelReason: patch.cancelReason ?? null,
        countsAsAttempt: status !== 'cancelled',
      });
      await this.audit.record(m, {
        action: audited,
        subjectType: 'FollowUp',
        subjectId: id,
        caseId: f.caseId,
        fields: ['status', ...(patch.outcomeNotes ? ['outcomeNotes'] : [])],
      });
      if (status !== 'cancelled') await this.scheduler.afterResolution(m, f, status, at);
      return this.view(actor, (await this.repo.findById(m, id))!);
    });
  }

  private async checkResponsible(m: EntityManager, agencyId: string, userId: string | null): Promise<void> {
    const agency = await m.findOne(Agency, { where: { id: agencyId } });
    const user = userId ? await m.findOne(AppUser, { where: { id: userId } }) : null;
    if (!agency?.active || (userId && (!user?.active || user.agencyId !== agencyId)))
      throw FollowUpErrors.FOLLOW_UP_INVALID_RESPONSIBLE();
  }

  private view(actor: Actor, r: FollowUpRecord): FollowUpView {
    return redact(this.authz.ability(actor), 'read', 'FollowUp', asSubject('FollowUp', r), FOLLOW_UP_FIELDS);
  }
}
