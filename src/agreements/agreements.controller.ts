import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authorize } from '../authz/authorize.decorator';
import { CreateAgreementDto, ListAgreementsQuery, UpdateAgreementDto } from './agreement.dto';
import { AgreementService } from './agreement.service';

@ApiTags('agreements')
@Controller('api/v1/agreements')
export class AgreementsController {
  constructor(private readonly agreements: AgreementService) {}

  @Post()
  @Authorize('create', 'Agreement')
  @ApiOperation({ summary: 'Record a data-sharing agreement (administrators; must involve their country)' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAgreementDto) {
    return this.agreements.create(actor, dto);
  }

  @Get()
  @Authorize('list', 'Agreement')
  @ApiOperation({ summary: 'Agreements involving the caller’s country, newest first (keyset pages)' })
  list(@CurrentActor() actor: Actor, @Query() q: ListAgreementsQuery) {
    return this.agreements.list(actor, q);
  }

  @Get(':id')
  @Authorize('read', 'Agreement')
  @ApiOperation({ summary: 'One agreement' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.agreements.get(actor, id);
  }

  @Patch(':id')
  @Authorize('update', 'Agreement')
  @ApiOperation({ summary: 'Change status, purposes, categories or end date (optimistic locking)' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateAgreementDto,
  ) {
    return this.agreements.update(actor, id, dto);
  }
}
