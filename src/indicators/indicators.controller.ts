import { Body, Controller, Get, Headers, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authorize } from '../authz/authorize.decorator';
import { pickLang } from '../common/errors/lang';
import { UuidParam } from '../common/uuid-param.pipe';
import { RecordIndicatorsDto } from './indicator.dto';
import { IndicatorsService } from './indicators.service';

@ApiTags('indicators')
@Controller('api/v1/cases/:caseId/indicators')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Post()
  @Authorize('create', 'IndicatorMeasurement')
  @ApiOperation({
    summary: 'Record reintegration indicators for a case (at a follow-up or checkpoint)',
    description: 'Scores each dimension and the overall 0-100. Caseworker (assigned) or supervisor (agency).',
  })
  record(
    @CurrentActor() actor: Actor,
    @Param('caseId', UuidParam) caseId: string,
    @Body() dto: RecordIndicatorsDto,
  ) {
    return this.indicators.record(actor, caseId, dto);
  }

  @Get()
  @Authorize('read', 'IndicatorMeasurement')
  @ApiOperation({ summary: 'Measurements of a case and the trend of each dimension and the overall score' })
  list(
    @CurrentActor() actor: Actor,
    @Param('caseId', UuidParam) caseId: string,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    return this.indicators.list(actor, caseId, pickLang(acceptLanguage));
  }
}
