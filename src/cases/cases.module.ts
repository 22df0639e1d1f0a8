import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CaseAccess } from './case-access';
import { CaseAccessLogService } from './case-access-log.service';
import { CaseAssignmentService } from './case-assignment.service';
import { CaseClosureService } from './case-closure.service';
import { CaseCoreModule } from './case-core.module';
import { CaseDueDates } from './case-due-dates';
import { CasePhaseService } from './case-phase.service';
import { CasePolicy } from './case.policy';
import { CaseReadService } from './case-read.service';
import { CaseViewService } from './case-view.service';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CaseRegistrationController } from './intake/case-registration.controller';
import { CaseRegistrationService } from './intake/case-registration.service';
import { ChildMatchesRepository } from './intake/child-matches.repository';
import { ChildMatchingService } from './intake/child-matching.service';
import { ChildrenController } from './intake/children.controller';
import { RegistrationRepository } from './intake/registration.repository';
import { AssessmentRepository } from './records/assessment.repository';
import { BidRepository } from './records/bid.repository';
import { CaseAssessmentService } from './records/case-assessment.service';
import { CaseBidService } from './records/case-bid.service';
import { CaseBidsController } from './records/case-bids.controller';
import { CaseCategoryReaders } from './records/case-category-readers';
import { CaseConsentService } from './records/case-consent.service';
import { CaseInterviewService } from './records/case-interview.service';
import { CasePlanService } from './records/case-plan.service';
import { CaseRecordsController } from './records/case-records.controller';
import { ConsentRepository } from './records/consent.repository';
import { InterviewRepository } from './records/interview.repository';
import { PlanRepository } from './records/plan.repository';

/**
 * Case management. The case-file core at this folder's root (lifecycle, access, views), intake/
 * (registration, child matching) and records/ (consent, assessments, plans, interviews, BID) are
 * wings of one module: they build on the core, never on each other. Other modules read a case
 * through public.ts only.
 */
@Module({
  imports: [CaseCoreModule, AuditModule],
  controllers: [
    CaseRegistrationController,
    CasesController,
    ChildrenController,
    CaseRecordsController,
    CaseBidsController,
  ],
  providers: [
    // core
    CasePolicy,
    CasesRepository,
    CaseAccess,
    CaseDueDates,
    CaseViewService,
    CaseReadService,
    CaseAssignmentService,
    CasePhaseService,
    CaseClosureService,
    CaseAccessLogService,
    // intake
    RegistrationRepository,
    ChildMatchesRepository,
    ChildMatchingService,
    CaseRegistrationService,
    // records
    ConsentRepository,
    AssessmentRepository,
    PlanRepository,
    InterviewRepository,
    BidRepository,
    CaseConsentService,
    CaseAssessmentService,
    CasePlanService,
    CaseInterviewService,
    CaseBidService,
    CaseCategoryReaders,
  ],
})
export class CasesModule {}
