import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authorize } from '../authz/authorize.decorator';
import { pickLang } from '../common/errors/lang';
import { METRIC_NAMES } from './metric-registry';
import {
  MonitoringItemsFilterDto,
  MonitoringItemsQueryDto,
  MonitoringQueryDto,
} from './monitoring-query.dto';
import { MonitoringRequest, MonitoringService } from './monitoring.service';

const METRIC_PARAM = {
  name: 'metric',
  enum: [...METRIC_NAMES, ...METRIC_NAMES.map((m) => `${m}.csv`), 'overview.csv'],
  description: 'A metric; the `.csv` suffix returns it as CSV (UTF-8 with BOM, headers by Accept-Language)',
};

export function sendCsv(reply: FastifyReply, csv: string, name: string, lang: string): string {
  void reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}.csv"`)
    .header('content-language', lang);
  return csv;
}

export function splitCsv(metric: string): { name: string; csv: boolean } {
  return metric.endsWith('.csv') ? { name: metric.slice(0, -4), csv: true } : { name: metric, csv: false };
}

const filtersOf = (q: MonitoringItemsFilterDto) => {
  const { phase, risk, reason, status, overdue, level, ageBucket } = q;
  return Object.fromEntries(
    Object.entries({ phase, risk, reason, status, overdue, level, ageBucket }).filter(
      ([, v]) => v !== undefined,
    ),
  ) as Record<string, string>;
};

/**
 * National monitoring: lead-unit officers (their country) and supervisors (their agency).
 * Aggregates are counts and statistics; drill-down lists carry operational fields only.
 */
@ApiTags('monitoring')
@Controller('api/v1/monitoring')
export class MonitoringController {
  constructor(private readonly monitoring: MonitoringService) {}

  @Get('overview')
  @Authorize('read', 'Monitoring')
  @ApiOperation({ summary: 'All monitoring metrics at once, within your country or agency' })
  overview(@CurrentActor() actor: Actor, @Query() q: MonitoringQueryDto) {
    return this.monitoring.aggregate(actor, { view: 'national', metric: 'overview', ...q });
  }

  @Get(':metric')
  @Authorize('read', 'Monitoring')
  @ApiParam(METRIC_PARAM)
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary: 'One metric: open-cases, overdue-follow-ups, referrals, closures, interviews, indicator-scores',
    description: 'Filters: from/to (period), agencyId. Append .csv for a CSV (periods up to a year).',
  })
  async metric(
    @CurrentActor() actor: Actor,
    @Param('metric') metric: string,
    @Query() q: MonitoringQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    const { name, csv } = splitCsv(metric);
    const req: MonitoringRequest = { view: 'national', metric: name, ...q };
    if (!csv) return this.monitoring.aggregate(actor, req);
    const lang = pickLang(acceptLanguage);
    return sendCsv(reply, await this.monitoring.directCsv(actor, req, lang), name, lang);
  }

  @Get(':metric/items')
  @Authorize('read', 'Monitoring')
  @ApiParam({ name: 'metric', enum: ['open-cases', 'overdue-follow-ups', 'referrals', 'closures'] })
  @ApiOperation({
    summary: 'Drill-down list of a metric (operational fields only), keyset paginated',
    description: 'Pass `nextCursor` from a page as `cursor` to get the following page.',
  })
  items(@CurrentActor() actor: Actor, @Param('metric') metric: string, @Query() q: MonitoringItemsQueryDto) {
    const { cursor, limit, from, to, agencyId } = q;
    return this.monitoring.items(actor, {
      view: 'national',
      metric,
      items: true,
      from,
      to,
      agencyId,
      cursor,
      limit,
      filters: filtersOf(q),
    });
  }

  @Get(':metric/items.csv')
  @Authorize('read', 'Monitoring')
  @ApiParam({ name: 'metric', enum: ['open-cases', 'overdue-follow-ups', 'referrals', 'closures'] })
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'A drill-down list as CSV (up to 5,000 rows; larger ones through an export job)' })
  async itemsCsv(
    @CurrentActor() actor: Actor,
    @Param('metric') metric: string,
    @Query() q: MonitoringItemsFilterDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    const lang = pickLang(acceptLanguage);
    const { from, to, agencyId } = q;
    const csv = await this.monitoring.directCsv(
      actor,
      { view: 'national', metric, items: true, from, to, agencyId, filters: filtersOf(q) },
      lang,
    );
    return sendCsv(reply, csv, `${metric}-items`, lang);
  }
}

export { filtersOf };
