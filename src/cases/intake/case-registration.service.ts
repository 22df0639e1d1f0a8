import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { Role } from '../../common/role';
import { AuditService } from '../../audit-trail/audit.service';
import { AuthzService } from '../../authz/authz.service';
import { Clock } from '../../common/clock';
import { DomainEvents } from '../../common/domain-events';
import type { FieldIssue } from '../../common/errors/app-error';
import { CommonErrors } from '../../common/errors/common.errors';
import { TransactionRunner } from '../../database/transaction-runner';
import { CaseDueDates } from '../case-due-dates';
import { CaseErrors, issue } from '../case.errors';
import { Vocabularies } from '../../vocabularies/vocabularies.service';
import { CaseView, CaseViewService } from '../case-view.service';
import { CasesRepository } from '../cases.repository';
import type { ChildData } from '../child-data';
import { ChildMatchingService, MatchCandidate } from './child-matching.service';
import { RegisterCaseDto } from './register-case.dto';
import { RegistrationRepository } from './registration.repository';
import { searchName } from './search-name';

export type RegistrationResult =
  | { kind: 'created'; case: Partial<CaseView>; receptionEventId: string; duplicateDecision: string }
  | { kind: 'duplicates'; candidates: MatchCandidate[] };

/**
 * Registration: reception event + child (new or linked) + case + phase history + duplicate
 * decision + audit + `case.registered`, in one transaction. Before creating a child it searches
 * for the same child and answers with the candidates instead, until the caseworker decides.
 *
 * A child returned again is linked: the new return gets a new reception event and a new case
 * (new case number and policy due dates from this return) on the same child identity, so the
 * history (earlier cases, interviews by topic) is known and not asked for again. A link never
 * widens access: the new case keeps its own record of the child (LinkedChildRecord) and sees
 * the other cases as operational references; their content travels only by referral.
 */
@Injectable()
export class CaseRegistrationService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly authz: AuthzService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly vocab: Vocabularies,
    private readonly matching: ChildMatchingService,
    private readonly due: CaseDueDates,
    private readonly views: CaseViewService,
    private readonly cases: CasesRepository,
    private readonly registrations: RegistrationRepository,
  ) {}

  async register(actor: Actor, dto: RegisterCaseDto): Promise<RegistrationResult> {
    return this.tx.run(async (m) => {
      await this.authz.assert(actor, 'create', 'Case', {
        agencyId: actor.agencyId,
        countryCode: actor.countryCode,
      });
      await this.validate(m, actor, dto);
      const now = this.clock.now();
      const check = dto.duplicateCheck;

      // The server's own search for this child data: what the caseworker was offered, and the
      // only children a link may name (a childId from elsewhere opens nothing).
      const found = await this.matching.find(m, dto.child);
      const data = this.childData(dto, now);
      let childId: string;
      if (check?.decision === 'link') {
        if (!found.some((r) => r.child_id === check.childId))
          throw CaseErrors.LINK_NOT_A_CANDIDATE({}, [
            issue(
              'duplicateCheck.childId',
              'notACandidate',
              'No es una coincidencia de este niño.',
              'Not a match for this child.',
            ),
          ]);
        childId = check.childId!;
      } else {
        if (found.length && !check)
          return { kind: 'duplicates', candidates: await this.matching.present(m, actor, found) };
        const reviewed = new Set(check?.reviewedCandidateIds ?? []);
        if (found.some((r) => !reviewed.has(r.child_id))) throw CaseErrors.UNREVIEWED_CANDIDATES();
        const child = await this.registrations.createChild(m, {
          ...data,
          searchName: searchName(data.firstNames, data.lastNames),
        });
        childId = child.id;
      }

      const year = now.getUTCFullYear();
      const country = actor.countryCode;
      const risk = dto.riskLevel;
      const assessmentDue = this.due.initialAssessment(country, risk, now);
      const caseId = randomUUID();
      const c = await this.registrations.createCase(m, {
        id: caseId,
        caseNumber: this.registrations.unnumbered(caseId),
        countryCode: country,
        agencyId: actor.agencyId,
        assignedUserId: actor.role === Role.Supervisor ? (dto.assignedUserId ?? actor.userId) : actor.userId,
        childId,
        phase: 'registration',
        status: 'open',
        riskLevel: risk,
        returnedAt: new Date(dto.reception.receivedAt),
        openedAt: now,
        legalBasis: dto.legalBasis,
        protectionConcerns: dto.protectionConcerns,
        immediateNeeds: dto.immediateNeeds ?? [],
        assessmentDueAt: assessmentDue.at,
        assessmentDueExplain: assessmentDue.explain,
        ageOfMajorityOn: this.due.ageOfMajorityOn(country, data.dateOfBirth),
      });
      // A linked case keeps what it recorded itself; the child row stays the first case's record.
      if (check?.decision === 'link') await this.registrations.linkChildRecord(m, c.id, data);
      const reception = await this.registrations.createReception(m, {
        childId,
        caseId: c.id,
        receivedAt: new Date(dto.reception.receivedAt),
        receptionCenterId: dto.reception.receptionCenterId,
        returnedFrom: dto.reception.returnedFrom,
        meansOfReturn: dto.reception.meansOfReturn,
        accompaniment: dto.reception.accompaniment,
        recordedBy: actor.userId,
      });
      await this.cases.recordPhase(m, {
        caseId: c.id,
        fromPhase: null,
        toPhase: 'registration',
        reason: 'registered',
        changedBy: actor.userId,
        changedAt: now,
      });
      const decision = check?.decision ?? 'no_candidates';
      await this.registrations.recordDuplicateDecision(m, {
        caseId: c.id,
        decision,
        childId,
        candidateIds: found.map((x) => x.child_id),
        reviewedCandidateIds: check?.reviewedCandidateIds ?? (check?.childId ? [check.childId] : []),
        decidedBy: actor.userId,
        decidedAt: now,
      });
      await this.audit.record(m, {
        actor,
        action: 'case.create',
        subjectType: 'Case',
        subjectId: c.id,
        caseId: c.id,
        fields: ['operational', 'identifying', 'sensitive'],
      });
      await this.audit.record(m, {
        actor,
        action: `child.duplicate.${decision}`,
        subjectType: 'Child',
        subjectId: childId,
        caseId: c.id,
        fields: ['operational'],
      });
      await this.events.publish(m, 'case.registered', { caseId: c.id });
      // Last, so the country's counter row is locked only until the commit that follows.
      c.caseNumber = await this.registrations.assignCaseNumber(m, c.id, country, year);
      const { view } = this.views.forActor(actor, c, data, now, { reception, interviewCount: 0 });
      return { kind: 'created', case: view, receptionEventId: reception.id, duplicateDecision: decision };
    });
  }

  /** The child as this registration recorded it. */
  private childData(dto: RegisterCaseDto, now: Date): ChildData {
    const ch = dto.child;
    return {
      firstNames: ch.firstNames.trim(),
      lastNames: ch.lastNames.trim(),
      dateOfBirth: ch.dateOfBirth ?? ChildMatchingService.targetDob(ch, now) ?? null,
      dobEstimated: !ch.dateOfBirth,
      sex: ch.sex,
      genderIdentity: ch.genderIdentity ?? null,
      nationality: ch.nationality,
      languages: ch.languages ?? [],
      ethnicIdentity: ch.ethnicIdentity ?? null,
      disability: ch.disability ?? null,
      documents: ch.documents ?? [],
      familyContacts: ch.familyContacts ?? [],
    };
  }

  /** Checks what class-validator cannot: vocabularies, references, either-or fields. */
  private async validate(m: EntityManager, actor: Actor, dto: RegisterCaseDto): Promise<void> {
    const issues: FieldIssue[] = [
      ...this.vocab.check('protection-concerns', 'protectionConcerns', dto.protectionConcerns),
      ...this.vocab.check('immediate-needs', 'immediateNeeds', dto.immediateNeeds),
      ...this.vocab.check('means-of-return', 'reception.meansOfReturn', dto.reception.meansOfReturn),
      ...this.vocab.check('languages', 'child.languages', dto.child.languages),
    ];
    const ch = dto.child;
    if (!ch.dateOfBirth && ch.estimatedAge === undefined)
      issues.push(
        issue(
          'child.dateOfBirth',
          'dateOrAge',
          'Indique la fecha de nacimiento o la edad estimada.',
          'Give the date of birth or the estimated age.',
        ),
      );
    if (ch.dateOfBirth && ch.estimatedAge !== undefined)
      issues.push(
        issue(
          'child.estimatedAge',
          'dateOrAge',
          'Indique la fecha de nacimiento o la edad estimada, no ambas.',
          'Give either the date of birth or the estimated age, not both.',
        ),
      );
    const now = this.clock.now();
    if (ch.dateOfBirth && new Date(ch.dateOfBirth) > now)
      issues.push(
        issue(
          'child.dateOfBirth',
          'maxDate',
          'La fecha no puede ser futura.',
          'The date cannot be in the future.',
        ),
      );
    if (new Date(dto.reception.receivedAt) > now)
      issues.push(
        issue(
          'reception.receivedAt',
          'maxDate',
          'La fecha no puede ser futura.',
          'The date cannot be in the future.',
        ),
      );
    const center = await this.registrations.agency(m, dto.reception.receptionCenterId);
    if (!center || center.countryCode !== actor.countryCode)
      issues.push(
        issue(
          'reception.receptionCenterId',
          'unknownAgency',
          'Centro de recepción desconocido en su país.',
          'Unknown reception centre in your country.',
        ),
      );
    const check = dto.duplicateCheck;
    if (check?.decision === 'link' && !check.childId)
      issues.push(
        issue(
          'duplicateCheck.childId',
          'isDefined',
          'Indique el registro a vincular.',
          'Give the record to link to.',
        ),
      );
    if (check?.decision === 'different_child' && !check.reviewedCandidateIds)
      issues.push(
        issue(
          'duplicateCheck.reviewedCandidateIds',
          'isDefined',
          'Indique las coincidencias revisadas.',
          'List the matches you reviewed.',
        ),
      );
    if (dto.assignedUserId) {
      const u = await this.cases.user(m, dto.assignedUserId);
      if (actor.role !== Role.Supervisor)
        issues.push(
          issue(
            'assignedUserId',
            'notAllowed',
            'Solo un supervisor asigna al registrar.',
            'Only a supervisor assigns at registration.',
          ),
        );
      else if (
        !u ||
        u.agencyId !== actor.agencyId ||
        !u.active ||
        !['caseworker', 'supervisor'].includes(u.role)
      )
        issues.push(issue('assignedUserId', 'notEligible', 'Gestor no elegible.', 'User not eligible.'));
    }
    if (issues.length) throw CommonErrors.VALIDATION_FAILED({}, issues);
  }
}
