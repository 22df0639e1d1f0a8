import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authorize } from '../authz/authorize.decorator';
import {
  CancelFollowUpDto,
  CompleteFollowUpDto,
  CreateFollowUpDto,
  DueListQuery,
  MissedFollowUpDto,
} from './follow-up.dto';
import { FollowUpsService } from './follow-ups.service';
import { UuidParam } from '../common/uuid-param.pipe';
import { PageQuery } from '../common/paging/page-query.dto';

@ApiTags('follow-ups')
@Controller('api/v1')
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @Get('cases/:caseId/follow-ups')
  @Authorize('list', 'FollowUp')
  @ApiOperation({ summary: "A case's follow-ups with the rule behind each due date (`explain`)" })
  list(@CurrentActor() actor: Actor, @Param('caseId', UuidParam) caseId: string, @Query() q: PageQuery) {
    return this.followUps.listForCase(actor, caseId, q);
  }

  @Post('cases/:caseId/follow-ups')
  @Authorize('create', 'FollowUp')
  @ApiOperation({ summary: 'Schedules a manual follow-up (optionally owned by a receiving agency)' })
  create(
    @CurrentActor() actor: Actor,
    @Param('caseId', UuidParam) caseId: string,
    @Body() dto: CreateFollowUpDto,
  ) {
    return this.followUps.create(actor, caseId, dto);
  }

  @Get('follow-ups/mine')
  @Authorize('list', 'FollowUp')
  @ApiOperation({ summary: "The caller's due list: scheduled follow-ups they or their agency must do" })
  mine(@CurrentActor() actor: Actor, @Query() q: DueListQuery) {
    return this.followUps.listDue(actor, q);
  }

  @Post('follow-ups/:id/complete')
  @HttpCode(200)
  @Authorize('complete', 'FollowUp')
  @ApiOperation({ summary: 'Records a follow-up; contactMade=false counts as a missed attempt' })
  complete(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: CompleteFollowUpDto,
  ) {
    return this.followUps.complete(actor, id, dto);
  }

  @Post('follow-ups/:id/missed')
  @HttpCode(200)
  @Authorize('complete', 'FollowUp', 'followUp.missed')
  @ApiOperation({ summary: 'Records that the follow-up could not take place (missed contact)' })
  missed(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() dto: MissedFollowUpDto) {
    return this.followUps.missed(actor, id, dto);
  }

  @Post('follow-ups/:id/cancel')
  @HttpCode(200)
  @Authorize('cancel', 'FollowUp')
  @ApiOperation({ summary: 'Cancels a scheduled follow-up' })
  cancel(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() dto: CancelFollowUpDto) {
    return this.followUps.cancel(actor, id, dto.version);
  }
}
