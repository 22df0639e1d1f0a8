import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { Authorize } from '../../authz/authorize.decorator';
import { CaseAssessmentService } from './case-assessment.service';
import { CaseConsentService } from './case-consent.service';
import { CaseInterviewService } from './case-interview.service';
import { CasePlanService } from './case-plan.service';
import { reviewAudit } from '../case-audit-names';
import { VersionedDto } from '../dto/case-updates.dto';
import {
  CreateAssessmentDto,
  CreateConsentDto,
  CreateInterviewDto,
  PlanContentDto,
  ReviewDto,
  UpdateAssessmentDto,
  UpdatePlanDto,
  WithdrawConsentDto,
} from './case-records.dto';
import { UuidParam } from '../../common/uuid-param.pipe';
import { PageQuery } from '../../common/paging/page-query.dto';

/** Consents, assessments, case plans and interviews of a case. */
@ApiTags('cases')
@Controller('api/v1/cases/:id')
export class CaseRecordsController {
  constructor(
    private readonly consents: CaseConsentService,
    private readonly assessments: CaseAssessmentService,
    private readonly plans: CasePlanService,
    private readonly interviews: CaseInterviewService,
  ) {}

  @Post('consents')
  @Authorize('consent', 'Case', 'consent.create')
  @ApiOperation({ summary: 'Record consent (and assent): purposes, recipients, data categories' })
  createConsent(@CurrentActor() a: Actor, @Param('id', UuidParam) id: string, @Body() dto: CreateConsentDto) {
    return this.consents.create(a, id, dto);
  }

  @Get('consents')
  @Authorize('readRecords', 'Case', 'consent.list')
  @ApiOperation({ summary: 'Consents of the case, with whether each is in force' })
  listConsents(@CurrentActor() a: Actor, @Param('id', UuidParam) id: string, @Query() q: PageQuery) {
    return this.consents.list(a, id, q);
  }

  @Post('consents/:consentId/withdraw')
  @HttpCode(200)
  @Authorize('consent', 'Case', 'consent.withdraw')
  @ApiOperation({ summary: 'Withdraw a consent: effective immediately (publishes consent.withdrawn)' })
  withdraw(
    @CurrentActor() a: Actor,
    @Param('id', UuidParam) id: string,
    @Param('consentId', UuidParam) consentId: string,
    @Body() dto: WithdrawConsentDto,
  ) {
    return this.consents.withdraw(a, id, consentId, dto);
  }

  @Post('assessments')
  @Authorize('assess', 'Case', 'assessment.create')
  @ApiOperation({ summary: 'Start an assessment (draft): findings per domain and a risk rating' })
  createAssessment(
    @CurrentActor() a: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: CreateAssessmentDto,
  ) {
    return this.assessments.create(a, id, dto);
  }

  @Get('assessments')
  @Authorize('readRecords', 'Case', 'assessment.list')
  @ApiOperation({ summary: 'Assessments of the case' })
  listAssessments(@CurrentActor() a: Actor, @Param('id', UuidParam) id: string, @Query() q: PageQuery) {
    return this.assessments.list(a, id, q);
  }

  @Patch('assessments/:recordId')
  @Authorize('assess', 'Case', 'assessment.update')
  @ApiOperation({ summary: 'Edit a draft or returned assessment (with version)' })
  updateAssessment(
    @CurrentActor() a: Actor,
    @Param('id', UuidParam) id: string,
    @Param('recordId', UuidParam) recordId: string,
    @Body() dto: UpdateAssessmentDto,
  ) {
    return this.assessments.update(a, id, recordId, dto);
  }

  @Post('assessments/:recordId/submit')
  @HttpCode(200)
  @Authorize('assess', 'Case', 'assessment.submit')
  @ApiOperation({ summary: 'Submit the assessment to the supervisor' })
  submitAssessment(
    @CurrentActor() a: Actor,
    @Param('id', UuidParam) id: string,
    @Param('recordId', UuidParam) recordId: string,
    @Body() dto: VersionedDto,
  ) {
    return this.assessments.submit(a, id, recordId, dto.version);
  }

  @Post('assessments/:recordId/review')
  @HttpCode(200)
  @Authorize('approve', 'Case', reviewAudit('assessment'))
  @ApiOperation({ summary: 'Approve (risk level updated) or return with comments (supervisor)' })
  reviewAssessment(
    @CurrentActor() a: Actor,
    @Param('id', UuidParam) id: string,
    @Param('recordId', UuidParam) recordId: string,
    @Body() dto: ReviewDto,
  ) {
    return this.assessments.review(a, id, recordId, dto);
  }

  @Post('plans')
  @Authorize('plan', 'Case', 'casePlan.create')
  @ApiOperation({ summary: 'Draft a new case plan version: goals per reintegration dimension' })
  createPlan(@CurrentActor() a: Actor, @Param('id', UuidParam) id: string, @Body() dto: PlanContentDto) {
    return this.plans.create(a, id, dto);
  }

  @Get('plans')
  @Authorize('readRecords', 'Case', 'casePlan.list')
  @ApiOperation({ summary: 'Every version of the case plan, newest first' })
  listPlans(@CurrentActor() a: Actor, @Param('id', UuidParam) id: string, @Query() q: PageQuery) {
    return this.plans.list(a, id, q);
  }

  @Patch('plans/:recordId')
  @Authorize('plan', 'Case', 'casePlan.update')
  @ApiOperation({ summary: 'Edit a draft or returned plan (with version)' })
  updatePlan(
    @CurrentActor() a: Actor,
    @Param('id', UuidParam) id: string,
    @Param('recordId', UuidParam) recordId: string,
    @Body() dto: UpdatePlanDto,
  ) {
    return this.plans.update(a, id, recordId, dto);
  }

  @Post('plans/:recordId/submit')
  @HttpCode(200)
  @Authorize('plan', 'Case', 'casePlan.submit')
  @ApiOperation({ summary: 'Submit the plan to the supervisor' })
  submitPlan(
    @CurrentActor() a: Actor,
    @Param('id', UuidParam) id: string,
    @Param('recordId', UuidParam) recordId: string,
    @Body() dto: VersionedDto,
  ) {
    return this.plans.submit(a, id, recordId, dto.version);
  }

  @Post('plans/:recordId/review')
  @HttpCode(200)
  @Authorize('approve', 'Case', reviewAudit('casePlan'))
  @ApiOperation({ summary: 'Approve (supersedes the previous version) or return the plan (supervisor)' })
  reviewPlan(
    @CurrentActor() a: Actor,
    @Param('id', UuidParam) id: string,
    @Param('recordId', UuidParam) recordId: string,
    @Body() dto: ReviewDto,
  ) {
    return this.plans.review(a, id, recordId, dto);
  }

  @Post('interviews')
  @Authorize('interview', 'Case', 'interview.create')
  @ApiOperation({ summary: 'Log an interview; re-asking a documented topic needs repeatReason' })
  createInterview(
    @CurrentActor() a: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: CreateInterviewDto,
  ) {
    return this.interviews.create(a, id, dto);
  }

  @Get('interviews')
  @Authorize('readRecords', 'Case', 'interview.list')
  @ApiOperation({ summary: 'The child’s interviews with counts (per topic, repeated)' })
  listInterviews(@CurrentActor() a: Actor, @Param('id', UuidParam) id: string) {
    return this.interviews.list(a, id);
  }
}
