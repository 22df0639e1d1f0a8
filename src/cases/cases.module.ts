import { Module } from '@nestjs/common';
import { CaseAccess } from './case-access.service';
import { CaseAccessLogService } from './case-access-log.service';
import { CaseAssessmentService } from './case-assessment.service';
import { CaseAssignmentService } from './case-assignment.service';
import { CaseBidService } from './case-bid.service';
import { CaseBidsController } from './case-bids.controller';
import { CaseCategoryReaders } from './case-category-readers';
import { CaseClosureService } from './case-closure.service';
import { CaseCoreModule } from './case-core.module';
import { CaseConsentService } from './case-consent.service';
import { CaseDueDates } from './case-due-dates';
import { CaseInterviewService } from './case-interview.service';
import { CasePhaseService } from './case-phase.service';
import { CasePlanService } from './case-plan.service';
import { CasePolicy } from './case.policy';
import { CaseReadService } from './case-read.service';
import { CaseRecordsController } from './case-records.controller';
import { CaseRegistrationService } from './case-registration.service';
import { CaseViewService } from './case-view.service';
import { CaseVocabularies } from './case-vocabularies.service';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { ChildMatchesRepository } from './child-matches.repository';
import { ChildMatchingService } from './child-matching.service';
import { ChildrenController } from './children.controller';

import { AuditModule } from '../audit/audit.module';

/** Case management: registration, assessment, planning, interviews, BID, closure, confidentiality. */
@Module({
  imports: [CaseCoreModule, AuditModule],
  controllers: [CasesController, ChildrenController, CaseRecordsController, CaseBidsController],
  providers: [
    CasePolicy,
    CaseVocabularies,
    CasesRepository,
    ChildMatchesRepository,
    CaseAccess,
    CaseDueDates,
    CaseViewService,
    ChildMatchingService,
    CaseRegistrationService,
    CaseReadService,
    CaseAssignmentService,
    CasePhaseService,
    CaseClosureService,
    CaseConsentService,
    CaseAssessmentService,
    CasePlanService,
    CaseInterviewService,
    CaseBidService,
    CaseAccessLogService,
    CaseCategoryReaders,
  ],
})
export class CasesModule {}
