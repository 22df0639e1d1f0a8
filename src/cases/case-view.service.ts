import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { AuthzService } from '../authz/authz.service';
import { FieldClass, permittedClasses, redact } from '../authz/field-access';
import { CaseFile } from './case-file.entity';
import { caseSubject } from './case-access';
import { CASE_FIELDS } from './case.fields';
import { CaseDueDates } from './case-due-dates';
import type { ChildData } from './child-data';
import { ReceptionEvent } from './reception-event.entity';
import { ageBand } from './child-age';

/** The case as the API sends it to a caller entitled to every field. */
export type CaseView = ReturnType<CaseViewService['full']>;

export interface CaseViewExtras {
  reception?: ReceptionEvent | null;
  interviewCount?: number;
}

/** Builds the flattened case representation and cuts it down to the fields the caller may read. */
@Injectable()
export class CaseViewService {
  constructor(
    private readonly authz: AuthzService,
    private readonly due: CaseDueDates,
  ) {}

  // The return type is inferred on purpose: it is the case's documented shape (CaseView, OpenAPI).
  full(c: CaseFile, ch: ChildData, now: Date, extras: CaseViewExtras = {}) {
    const majority = this.due.ageOfMajority(c.countryCode, c.ageOfMajorityOn, c.extendedUntil, now);
    const overdue =
      c.status === 'open' &&
      ((!!c.assessmentDueAt && c.assessmentDueAt < now) || (!!c.planDueAt && c.planDueAt < now));
    const r = extras.reception;
    return {
      id: c.id,
      caseNumber: c.caseNumber,
      countryCode: c.countryCode,
      agencyId: c.agencyId,
      assignedUserId: c.assignedUserId,
      childId: c.childId,
      phase: c.phase,
      status: c.status,
      riskLevel: c.riskLevel,
      legalBasis: c.legalBasis,
      returnedAt: c.returnedAt,
      openedAt: c.openedAt,
      closedAt: c.closedAt,
      closureReason: c.closureReason,
      assessmentDueAt: c.assessmentDueAt,
      assessmentDueExplain: c.assessmentDueExplain,
      planDueAt: c.planDueAt,
      planDueExplain: c.planDueExplain,
      overdue,
      agingOutSoon: !!majority?.flagged && c.status === 'open',
      ageBand: ageBand(ch.dateOfBirth, now),
      sex: ch.sex,
      nationality: ch.nationality,
      ...(extras.interviewCount !== undefined ? { interviewCount: extras.interviewCount } : {}),
      ...(r
        ? {
            reception: {
              id: r.id,
              receivedAt: r.receivedAt,
              receptionCenterId: r.receptionCenterId,
              returnedFrom: r.returnedFrom,
              meansOfReturn: r.meansOfReturn,
              accompaniment: r.accompaniment,
            },
          }
        : {}),
      version: c.version,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      firstNames: ch.firstNames,
      lastNames: ch.lastNames,
      dateOfBirth: ch.dateOfBirth,
      dobEstimated: ch.dobEstimated,
      languages: ch.languages,
      documents: ch.documents,
      familyContacts: ch.familyContacts,
      ageOfMajority: majority,
      genderIdentity: ch.genderIdentity,
      disability: ch.disability,
      ethnicIdentity: ch.ethnicIdentity,
      protectionConcerns: c.protectionConcerns,
      immediateNeeds: c.immediateNeeds,
    };
  }

  /** The view as `actor` may see it, and the field classes it carries (for the audit entry). */
  forActor(
    actor: Actor,
    c: CaseFile,
    ch: ChildData,
    now: Date,
    extras: CaseViewExtras = {},
  ): { view: Partial<CaseView>; classes: FieldClass[] } {
    const ability = this.authz.ability(actor);
    const view = this.full(c, ch, now, extras);
    // Conditions are evaluated on the case's own fields, whatever the view adds.
    const record = { ...view, ...caseSubject(c) };
    return {
      // redact keeps only the keys of CASE_FIELDS, all of which the view has.
      view: redact(ability, 'read', 'Case', record, CASE_FIELDS) as Partial<CaseView>,
      classes: permittedClasses(ability, 'read', 'Case', record, CASE_FIELDS).sort(),
    };
  }
}
