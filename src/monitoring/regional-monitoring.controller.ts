import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authorize } from '../authz/authorize.decorator';
import { pickLang } from '../common/errors/lang';
import { METRIC_NAMES } from './metric-registry';
import { sendCsv, splitCsv } from './monitoring.controller';
import { RegionalQueryDto } from './monitoring-query.dto';
import { MonitoringService } from './monitoring.service';

/**
 * Cross-country aggregates for the regional analyst, with small cells suppressed (threshold:
 * the strictest `aggregates.smallCellThreshold` among the countries in the response).
 */
@ApiTags('monitoring')
@Controller('api/v1/monitoring/regional')
export class RegionalMonitoringController {
  constructor(private readonly monitoring: MonitoringService) {}

  @Get('overview')
  @Authorize('read', 'RegionalMonitoring')
  @ApiOperation({ summary: 'Every metric across countries (small cells suppressed)' })
  overview(@CurrentActor() actor: Actor, @Query() q: RegionalQueryDto) {
    return this.monitoring.aggregate(actor, { view: 'regional', metric: 'overview', ...q });
  }

  @Get(':metric')
  @Authorize('read', 'RegionalMonitoring')
  @ApiParam({
    name: 'metric',
    enum: [...METRIC_NAMES, ...METRIC_NAMES.map((m) => `${m}.csv`), 'overview.csv'],
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({ summary: 'One metric across countries (small cells suppressed); .csv for CSV' })
  async metric(
    @CurrentActor() actor: Actor,
    @Param('metric') metric: string,
    @Query() q: RegionalQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    const { name, csv } = splitCsv(metric);
    const req = { view: 'regional' as const, metric: name, ...q };
    if (!csv) return this.monitoring.aggregate(actor, req);
    const lang = pickLang(acceptLanguage);
    return sendCsv(reply, await this.monitoring.directCsv(actor, req, lang), `regional-${name}`, lang);
  }
}
