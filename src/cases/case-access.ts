import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { Action, asSubject } from '../authz/ability';
import { AuthzService } from '../authz/authz.service';
import { CommonErrors } from '../common/errors/common.errors';
import { CaseFile } from './case-file.entity';
import { CaseErrors } from './case.errors';
import { CasesRepository } from './cases.repository';

/** The fields case policy conditions look at. */
export function caseSubject(c: CaseFile) {
  return { id: c.id, agencyId: c.agencyId, assignedUserId: c.assignedUserId, countryCode: c.countryCode };
}

/**
 * Loads a case for a use case and checks the caller may do `action` on it (denials audited, as
 * `audit` when the use case records itself under another name than the permission's).
 * Always the first step of a transaction, before any audit entry of the request is written.
 */
@Injectable()
export class CaseAccess {
  constructor(
    private readonly cases: CasesRepository,
    private readonly authz: AuthzService,
  ) {}

  async load(
    m: EntityManager,
    actor: Actor,
    caseId: string,
    action: Action,
    opts: { lock?: boolean; open?: boolean; version?: number; audit?: string } = {},
  ): Promise<CaseFile> {
    const c = await this.cases.find(m, caseId, opts.lock);
    if (!c) {
      // Unknown id: still say no to whoever may not do this at all, so 404 leaks nothing.
      await this.authz.assert(actor, action, 'Case', undefined, { action: opts.audit });
      throw CaseErrors.CASE_NOT_FOUND();
    }
    await this.authz.assert(actor, action, 'Case', caseSubject(c), {
      subjectId: c.id,
      caseId: c.id,
      action: opts.audit,
    });
    if (opts.open && c.status !== 'open') throw CaseErrors.CASE_CLOSED();
    if (opts.version !== undefined) assertVersion(c.version, opts.version);
    return c;
  }

  /** May the caller do `action` (on `field`) to this case? For what a response shows of other cases. */
  allows(actor: Actor, action: Action, c: CaseFile, field?: string): boolean {
    return this.authz.ability(actor).can(action, asSubject('Case', caseSubject(c)), field);
  }
}

/** Optimistic concurrency: the update must be based on the current version. */
export function assertVersion(actual: number, expected: number): void {
  if (actual !== expected) throw CommonErrors.STALE_VERSION({ expected, actual });
}
