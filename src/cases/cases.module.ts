import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Agency } from '../directory/agency.entity';
import { AppUser } from '../directory/app-user.entity';
import { Assessment } from './assessment.entity';
import { CaseFile } from './case-file.entity';
import { Child } from './child.entity';
import { Consent } from './consent.entity';
import { BestInterestsDetermination } from './best-interests-determination.entity';
import { BidPanelMember } from './bid-panel-member.entity';
import { CaseAccess } from './case-access.service';
import { CaseAccessLogService } from './case-access-log.service';
import { CaseAssessmentService } from './case-assessment.service';
import { CaseAssignmentService } from './case-assignment.service';
import { CaseBidService } from './case-bid.service';
import { CaseBidsController } from './case-bids.controller';
import { CaseCategoryReaders } from './case-category-readers';
import { CaseClosure } from './case-closure.entity';
import { CaseClosureService } from './case-closure.service';
import { CaseCoreModule } from './case-core.module';
import { CaseConsentService } from './case-consent.service';
import { CaseDueDates } from './case-due-dates';
import { CaseInterviewService } from './case-interview.service';
import { CaseNumberCounter } from './case-number-counter.entity';
import { CasePhaseChange } from './case-phase-change.entity';
import { CasePhaseService } from './case-phase.service';
import { CasePlan } from './case-plan.entity';
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
import { DuplicateDecision } from './duplicate-decision.entity';
import { Interview } from './interview.entity';
import { ReceptionEvent } from './reception-event.entity';

import { AuditModule } from '../audit/audit.module';

/** Case management: registration, assessment, planning, interviews, BID, closure, confidentiality. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      // Core records this module writes, and the directory entities they refer to.
      CaseFile,
      Child,
      Consent,
      Agency,
      AppUser,
      ReceptionEvent,
      CaseNumberCounter,
      DuplicateDecision,
      Assessment,
      BestInterestsDetermination,
      BidPanelMember,
      CasePlan,
      Interview,
      CasePhaseChange,
      CaseClosure,
    ]),
    CaseCoreModule,
    AuditModule,
  ],
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
