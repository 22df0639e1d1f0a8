import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { pickLang } from '../common/errors/lang';
import { ExportRequestDto } from './export-request.dto';
import { MonitoringExportService } from './monitoring-export.service';
import { filtersOf, sendCsv } from './monitoring.controller';
import { UuidParam } from '../common/uuid-param.pipe';

/** CSV exports built by the worker (large ranges); only the requester can read them. */
@ApiTags('monitoring')
@Controller('api/v1/monitoring/exports')
export class MonitoringExportsController {
  constructor(private readonly exports: MonitoringExportService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Request a CSV export of a metric, the overview or a drill-down list (built by the worker)',
    description: 'Same scope and rights as the matching GET route (export action of the monitoring policy).',
  })
  create(
    @CurrentActor() actor: Actor,
    @Body() dto: ExportRequestDto,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    const { metric, view, items, from, to, agencyId, countries } = dto;
    return this.exports.request(
      actor,
      {
        view: view ?? 'national',
        metric,
        items: items ?? false,
        from,
        to,
        agencyId,
        countries,
        filters: filtersOf(dto as never),
      },
      pickLang(acceptLanguage),
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'Status of an export (requester only)' })
  status(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.exports.status(actor, id);
  }

  @Get(':id/download')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Download a ready export (requester only)' })
  async download(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const file = await this.exports.download(actor, id);
    return sendCsv(reply, file.content, file.filename.replace(/\.csv$/, ''), 'es');
  }
}
