import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authorize } from '../authz/authorize.decorator';
import { AgencyAdminService } from './agency-admin.service';
import { AgencyListQuery, CreateAgencyDto, IdParam, UpdateAgencyDto, VersionDto } from './directory.dto';

@ApiTags('admin: agencies')
@Controller('api/v1/admin/agencies')
export class AgencyAdminController {
  constructor(private readonly agencies: AgencyAdminService) {}

  @Get()
  @Authorize('list', 'Agency')
  @ApiOperation({ summary: "Agencies of the administrator's country (all fields), keyset-paged by name" })
  list(@CurrentActor() actor: Actor, @Query() q: AgencyListQuery) {
    return this.agencies.list(actor, q);
  }

  @Post()
  @Authorize('create', 'Agency')
  @ApiOperation({ summary: "Create an agency in the administrator's country" })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAgencyDto) {
    return this.agencies.create(actor, dto);
  }

  @Get(':id')
  // 'list' (an administrator's right), not 'read': referring roles may read some agency fields
  // through the directory, never through the administration routes.
  @Authorize('list', 'Agency')
  @ApiOperation({ summary: 'One agency, all fields' })
  get(@CurrentActor() actor: Actor, @Param() p: IdParam) {
    return this.agencies.get(actor, p.id);
  }

  @Patch(':id')
  @Authorize('update', 'Agency')
  @ApiOperation({ summary: 'Update an agency (send the version you read; 409 STALE_VERSION if it changed)' })
  update(@CurrentActor() actor: Actor, @Param() p: IdParam, @Body() dto: UpdateAgencyDto) {
    return this.agencies.update(actor, p.id, dto);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Authorize('deactivate', 'Agency')
  @ApiOperation({ summary: 'Deactivate an agency: it leaves the directory and its users cannot sign in' })
  deactivate(@CurrentActor() actor: Actor, @Param() p: IdParam, @Body() dto: VersionDto) {
    return this.agencies.setActive(actor, p.id, false, dto?.version);
  }

  @Post(':id/activate')
  @HttpCode(200)
  @Authorize('activate', 'Agency')
  @ApiOperation({ summary: 'Reactivate an agency' })
  activate(@CurrentActor() actor: Actor, @Param() p: IdParam, @Body() dto: VersionDto) {
    return this.agencies.setActive(actor, p.id, true, dto?.version);
  }
}
