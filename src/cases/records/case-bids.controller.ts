import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { Authorize } from '../../authz/authorize.decorator';
import { BID_REVIEW_AUDIT } from '../case-audit-names';
import { CaseBidService } from './case-bid.service';
import { BidDecisionDto, BidReviewDto, CreateBidDto, UndertakingDto } from './case-records.dto';
import { UuidParam } from '../../common/uuid-param.pipe';

/**
 * Best-interests determinations. Panel routes (undertaking, read, decision) are checked per
 * record in the service: panel members need not be on the case team, but must sign first.
 */
@ApiTags('cases')
@Controller('api/v1/cases/:id/bids')
export class CaseBidsController {
  constructor(private readonly bids: CaseBidService) {}

  @Post()
  @Authorize('bid', 'Case', 'bid.create')
  @ApiOperation({ summary: 'Convene a best-interests determination panel' })
  create(@CurrentActor() a: Actor, @Param('id', UuidParam) id: string, @Body() dto: CreateBidDto) {
    return this.bids.create(a, id, dto);
  }

  @Post(':bidId/undertaking')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign the confidentiality undertaking (panel member)' })
  sign(
    @CurrentActor() a: Actor,
    @Param('id', UuidParam) id: string,
    @Param('bidId', UuidParam) bidId: string,
    @Body() _dto: UndertakingDto,
  ) {
    return this.bids.sign(a, id, bidId);
  }

  @Get(':bidId')
  @ApiOperation({ summary: 'Read the determination (signed panel members and the case team)' })
  get(
    @CurrentActor() a: Actor,
    @Param('id', UuidParam) id: string,
    @Param('bidId', UuidParam) bidId: string,
  ) {
    return this.bids.get(a, id, bidId);
  }

  @Post(':bidId/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the panel decision, reasons and gender and diversity perspective' })
  decide(
    @CurrentActor() a: Actor,
    @Param('id', UuidParam) id: string,
    @Param('bidId', UuidParam) bidId: string,
    @Body() dto: BidDecisionDto,
  ) {
    return this.bids.decide(a, id, bidId, dto);
  }

  @Post(':bidId/review')
  @HttpCode(200)
  @Authorize('approve', 'Case', BID_REVIEW_AUDIT)
  @ApiOperation({ summary: 'Review the decision: confirm or reopen (supervisor)' })
  review(
    @CurrentActor() a: Actor,
    @Param('id', UuidParam) id: string,
    @Param('bidId', UuidParam) bidId: string,
    @Body() dto: BidReviewDto,
  ) {
    return this.bids.review(a, id, bidId, dto);
  }
}
