import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { AuditService } from '../audit-trail/audit.service';
import { CommonErrors } from '../common/errors/common.errors';
import { Action, AppAbility, asSubject, SubjectName } from './ability';
import { AbilityFactory } from './ability.factory';
import { auditAction } from './audit-action';

/** What a denial's audit entry names besides the actor and the permission. */
export interface DenialAudit {
  subjectId?: string;
  caseId?: string;
  field?: string;
  /**
   * The action name the use case records when allowed (`assessment.list`), when it is not the
   * permission's own (`auditAction(subjectType, action)`): denial and success then match.
   */
  action?: string;
}

/** Per-record checks for services; every denial is audited before the 403 goes out. */
@Injectable()
export class AuthzService {
  constructor(
    private readonly abilities: AbilityFactory,
    private readonly audit: AuditService,
  ) {}

  ability(actor: Actor): AppAbility {
    return this.abilities.for(actor);
  }

  /**
   * Throws FORBIDDEN (after auditing the denial) unless the actor may `action` the record (or,
   * without a record, at least some record of the type). `caseId` links the entry to a child's case.
   */
  async assert(
    actor: Actor,
    action: Action,
    subjectType: SubjectName,
    record?: Record<string, any>,
    audit: DenialAudit = {},
  ): Promise<void> {
    const ability = this.abilities.for(actor);
    const target = record ? asSubject(subjectType, record) : subjectType;
    if (ability.can(action, target, audit.field)) return;
    await this.denied(actor, action, subjectType, audit);
    throw CommonErrors.FORBIDDEN();
  }

  async denied(
    actor: Actor,
    action: Action,
    subjectType: SubjectName,
    audit: DenialAudit = {},
  ): Promise<void> {
    await this.audit.recordAlone({
      actor,
      action: audit.action ?? auditAction(subjectType, action),
      outcome: 'denied',
      subjectType,
      subjectId: audit.subjectId,
      caseId: audit.caseId,
      fields: audit.field ? [audit.field] : [],
    });
  }
}
