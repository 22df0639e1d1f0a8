import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authorize } from '../authz/authorize.decorator';
import {
  ApproveAgreementDto,
  CreateAgreementDto,
  ListAgreementsQuery,
  UpdateAgreementDto,
} from './agreement.dto';
import { AgreementService } from './agreement.service';
import { UuidParam } from '../common/uuid-param.pipe';

@ApiTags('agreements')
@Controller('api/v1/agreements')
export class AgreementsController {
  constructor(private readonly agreements: AgreementService) {}

  @Post()
  @Authorize('create', 'Agreement')
  @ApiOperation({
    summary:
      'Record a data-sharing agreement (administrators; must involve their country). Active once every involved country approved; pending_approval until then',
  })
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
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.agreements.get(actor, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Authorize('approve', 'Agreement')
  @ApiOperation({
    summary:
      'Approve the terms read (version) for the caller’s country (administrators of an involved country); the last approval activates it',
  })
  approve(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: ApproveAgreementDto,
  ) {
    return this.agreements.approve(actor, id, dto);
  }

  @Patch(':id')
  @Authorize('update', 'Agreement')
  @ApiOperation({
    summary:
      'Change status, purposes, categories or end date (optimistic locking); widening needs the other countries’ approval again',
  })
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() dto: UpdateAgreementDto) {
    return this.agreements.update(actor, id, dto);
  }
}
