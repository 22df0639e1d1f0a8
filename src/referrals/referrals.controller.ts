import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authorize } from '../authz/authorize.decorator';
import {
  AmendReferralDto,
  CompleteReferralDto,
  CreateReferralDto,
  ListReferralsQuery,
  ReasonDto,
  SnapshotQuery,
} from './referral.dto';
import { ReferralAmendService } from './referral-amend.service';
import { ReferralCreateService } from './referral-create.service';
import { ReferralDispatcher } from './referral-dispatcher';
import { ReferralQueryService } from './referral-query.service';
import { ReferralResponseService } from './referral-response.service';
import { UuidParam } from '../common/uuid-param.pipe';

@ApiTags('referrals')
@Controller('api/v1/referrals')
export class ReferralsController {
  constructor(
    private readonly creating: ReferralCreateService,
    private readonly dispatcher: ReferralDispatcher,
    private readonly amending: ReferralAmendService,
    private readonly responses: ReferralResponseService,
    private readonly queries: ReferralQueryService,
  ) {}

  @Post()
  @Authorize('create', 'Referral')
  @ApiOperation({
    summary:
      'Refer a case: checks consent (or a supervisor override), agreement and categories; draft or dispatched',
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateReferralDto) {
    return this.creating.create(actor, dto);
  }

  @Get('inbox')
  @Authorize('list', 'Referral')
  @ApiOperation({ summary: 'Referrals received by the caller’s agency (focal points), newest first' })
  inbox(@CurrentActor() actor: Actor, @Query() q: ListReferralsQuery) {
    return this.queries.list(actor, 'inbox', q);
  }

  @Get('outbox')
  @Authorize('list', 'Referral')
  @ApiOperation({ summary: 'Referrals sent by the caller’s agency, newest first' })
  outbox(@CurrentActor() actor: Actor, @Query() q: ListReferralsQuery) {
    return this.queries.list(actor, 'outbox', q);
  }

  @Get(':id')
  @Authorize('read', 'Referral')
  @ApiOperation({ summary: 'One referral with its history (no case data)' })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.queries.get(actor, id);
  }

  @Get(':id/snapshot')
  @Authorize('read', 'Referral', 'referral.snapshot.read')
  @ApiOperation({ summary: 'The minimized snapshot (recipient: only while active; every read audited)' })
  snapshot(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Query() q: SnapshotQuery) {
    return this.queries.snapshot(actor, id, q.version);
  }

  @Post(':id/dispatch')
  @HttpCode(200)
  @Authorize('dispatch', 'Referral')
  @ApiOperation({ summary: 'Send a draft (re-checks consent and agreement; sets the response deadline)' })
  dispatch(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.dispatcher.dispatch(actor, id);
  }

  @Post(':id/amend')
  @HttpCode(200)
  @Authorize('amend', 'Referral')
  @ApiOperation({ summary: 'Amend: a new snapshot version (delivered again if already sent)' })
  amend(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() dto: AmendReferralDto) {
    return this.amending.amend(actor, id, dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Authorize('cancel', 'Referral')
  @ApiOperation({ summary: 'Cancel (sender); the recipient loses the snapshot' })
  cancel(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() dto: ReasonDto) {
    return this.amending.cancel(actor, id, dto);
  }

  @Post(':id/retry-delivery')
  @HttpCode(200)
  @Authorize('retry', 'Referral')
  @ApiOperation({ summary: 'Retry a delivery that failed after all attempts (sender)' })
  retry(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.dispatcher.retry(actor, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Authorize('respond', 'Referral', 'referral.accept')
  @ApiOperation({ summary: 'Accept (recipient focal point)' })
  accept(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.responses.byUser(actor, id, 'accept');
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Authorize('respond', 'Referral', 'referral.reject')
  @ApiOperation({ summary: 'Reject with a reason (recipient focal point)' })
  reject(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() dto: ReasonDto) {
    return this.responses.byUser(actor, id, 'reject', dto.reason);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Authorize('respond', 'Referral', 'referral.start')
  @ApiOperation({ summary: 'Mark the service in progress (recipient focal point)' })
  start(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.responses.byUser(actor, id, 'start');
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Authorize('respond', 'Referral', 'referral.complete')
  @ApiOperation({ summary: 'Complete with the service outcome (written back to the sender’s case)' })
  complete(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: CompleteReferralDto,
  ) {
    return this.responses.byUser(actor, id, 'complete', dto.outcome);
  }
}
