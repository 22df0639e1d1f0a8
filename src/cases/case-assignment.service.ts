import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { Role } from '../common/role';
import { AuditService } from '../audit-trail/audit.service';
import { CommonErrors } from '../common/errors/common.errors';
import { TransactionRunner } from '../database/transaction-runner';
import { CasesRepository } from './cases.repository';
import { CaseAccess } from './case-access';
import { CaseErrors } from './case.errors';
import { CaseReadService } from './case-read.service';
import { Vocabularies } from '../vocabularies/vocabularies.service';
import { AssignCaseDto, UpdateCaseDto } from './dto/case-updates.dto';

/** Editing a case's own fields and (supervisor) reassigning it; both carry the version. */
@Injectable()
export class CaseAssignmentService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: CaseAccess,
    private readonly audit: AuditService,
    private readonly vocab: Vocabularies,
    private readonly reads: CaseReadService,
    private readonly cases: CasesRepository,
  ) {}

  assign(actor: Actor, caseId: string, dto: AssignCaseDto) {
    return this.tx.run(async (m) => {
      const c = await this.access.load(m, actor, caseId, 'assign', { lock: true, version: dto.version });
      const u = await this.cases.user(m, dto.assignedUserId);
      if (
        !u ||
        !u.active ||
        u.agencyId !== c.agencyId ||
        !([Role.Caseworker, Role.Supervisor] as string[]).includes(u.role)
      )
        throw CaseErrors.ASSIGNEE_NOT_ELIGIBLE();
      c.assignedUserId = u.id;
      const saved = await this.cases.save(m, c);
      await this.audit.record(m, {
        actor,
        action: 'case.assign',
        subjectType: 'Case',
        subjectId: c.id,
        caseId: c.id,
        fields: ['operational'],
      });
      return this.reads.viewAndAudit(m, actor, saved, 'case.read');
    });
  }

  update(actor: Actor, caseId: string, dto: UpdateCaseDto) {
    return this.tx.run(async (m) => {
      const c = await this.access.load(m, actor, caseId, 'update', {
        lock: true,
        open: true,
        version: dto.version,
      });
      const issues = [
        ...this.vocab.check('protection-concerns', 'protectionConcerns', dto.protectionConcerns),
        ...this.vocab.check('immediate-needs', 'immediateNeeds', dto.immediateNeeds),
      ];
      if (issues.length) throw CommonErrors.VALIDATION_FAILED({}, issues);
      const fields: string[] = [];
      if (dto.protectionConcerns) {
        c.protectionConcerns = dto.protectionConcerns;
        fields.push('sensitive');
      }
      if (dto.immediateNeeds) {
        c.immediateNeeds = dto.immediateNeeds;
        fields.push('sensitive');
      }
      if (dto.legalBasis) {
        c.legalBasis = dto.legalBasis;
        fields.push('operational');
      }
      const saved = await this.cases.save(m, c);
      await this.audit.record(m, {
        actor,
        action: 'case.update',
        subjectType: 'Case',
        subjectId: c.id,
        caseId: c.id,
        fields: [...new Set(fields)],
      });
      return this.reads.viewAndAudit(m, actor, saved, 'case.read');
    });
  }
}
