import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authorize } from '../authz/authorize.decorator';
import { CLOSURE_DECISION_AUDIT } from './case-audit-names';
import { CaseAccessLogService } from './case-access-log.service';
import { CaseAssignmentService } from './case-assignment.service';
import { CaseClosureService } from './case-closure.service';
import { CasePhaseService } from './case-phase.service';
import { CaseReadService } from './case-read.service';
import {
  AssignCaseDto,
  ClosureDecisionDto,
  ExtendSupportDto,
  ListCasesQuery,
  MovePhaseDto,
  VersionedReasonDto,
  RequestClosureDto,
  UpdateCaseDto,
} from './dto/case-updates.dto';
import { UuidParam } from '../common/uuid-param.pipe';
import { PageQuery } from '../common/paging/page-query.dto';

/** The case's lifecycle: read, update, assign, phases, closure, access log (registration: intake/). */
@ApiTags('cases')
@Controller('api/v1/cases')
export class CasesController {
  constructor(
    private readonly reads: CaseReadService,
    private readonly assignment: CaseAssignmentService,
    private readonly phases: CasePhaseService,
    private readonly closures: CaseClosureService,
    private readonly accessLog: CaseAccessLogService,
  ) {}

  @Get()
  @Authorize('list', 'Case')
  @ApiOperation({
    summary: 'List the cases the caller may see (keyset pages, newest first)',
    description: 'Filtered in SQL by the caller’s abilities; fields redacted per role.',
  })
  list(@CurrentActor() actor: Actor, @Query() q: ListCasesQuery) {
    return this.reads.list(actor, q);
  }

  @Get(':id')
  @Authorize('read', 'Case')
  @ApiOperation({ summary: 'Read a case (fields per the caller’s role; the read is audited)' })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.reads.get(actor, id);
  }

  @Patch(':id')
  @Authorize('update', 'Case')
  @ApiOperation({ summary: 'Update protection concerns, immediate needs or legal basis (with version)' })
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() dto: UpdateCaseDto) {
    return this.assignment.update(actor, id, dto);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Authorize('assign', 'Case')
  @ApiOperation({ summary: 'Reassign the case (supervisor)' })
  assign(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() dto: AssignCaseDto) {
    return this.assignment.assign(actor, id, dto);
  }

  @Post(':id/phase')
  @HttpCode(200)
  @Authorize('update', 'Case', 'case.phase')
  @ApiOperation({ summary: 'Move the case to another phase (allowed transitions only)' })
  move(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() dto: MovePhaseDto) {
    return this.phases.move(actor, id, dto);
  }

  @Get(':id/phase-history')
  @Authorize('readRecords', 'Case', 'case.phaseHistory.read')
  @ApiOperation({ summary: 'Phase history of the case' })
  phaseHistory(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Query() q: PageQuery) {
    return this.phases.history(actor, id, q);
  }

  @Post(':id/closure')
  @Authorize('requestClosure', 'Case', 'case.closure.request')
  @ApiOperation({ summary: 'Request closure with a reason (goes to the supervisor)' })
  requestClosure(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: RequestClosureDto,
  ) {
    return this.closures.request(actor, id, dto);
  }

  @Post(':id/closure/decision')
  @HttpCode(200)
  @Authorize('approve', 'Case', CLOSURE_DECISION_AUDIT)
  @ApiOperation({ summary: 'Approve or reject the pending closure (supervisor)' })
  decideClosure(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: ClosureDecisionDto,
  ) {
    return this.closures.decide(actor, id, dto);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Authorize('reopen', 'Case')
  @ApiOperation({ summary: 'Reopen a closed case (supervisor); it goes back to assessment' })
  reopen(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() dto: VersionedReasonDto) {
    return this.closures.reopen(actor, id, dto);
  }

  @Post(':id/age-extension')
  @HttpCode(200)
  @Authorize('extend', 'Case')
  @ApiOperation({ summary: 'Extend support past the age of majority, up to the policy maximum (supervisor)' })
  extend(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() dto: ExtendSupportDto) {
    return this.closures.extend(actor, id, dto);
  }

  @Get(':id/access-log')
  @Authorize('viewAccessLog', 'Case')
  @ApiOperation({ summary: 'Who has seen or changed this child’s record (newest first)' })
  log(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Query() q: PageQuery) {
    return this.accessLog.log(actor, id, q);
  }
}
