import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authorize } from '../authz/authorize.decorator';
import { ReferralQueryService } from './referral-query.service';
import { UuidParam } from '../common/uuid-param.pipe';
import { PageQuery } from '../common/paging/page-query.dto';

@ApiTags('referrals')
@Controller('api/v1/cases')
export class CaseReferralsController {
  constructor(private readonly queries: ReferralQueryService) {}

  @Get(':id/referrals')
  @Authorize('listForCase', 'Referral')
  @ApiOperation({ summary: 'A case’s referrals with their service outcomes (the managing agency)' })
  list(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Query() q: PageQuery) {
    return this.queries.forCase(actor, id, q);
  }
}
