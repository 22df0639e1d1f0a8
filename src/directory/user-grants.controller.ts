import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authorize } from '../authz/authorize.decorator';
import { GrantListQuery, IdParam, RejectGrantDto } from './directory.dto';
import { UserGrantsService } from './user-grants.service';

/** The second person's side of a grant: administrators of the country, supervisors of the agency. */
@ApiTags('admin: users')
@Controller('api/v1/user-grants')
export class UserGrantsController {
  constructor(private readonly grants: UserGrantsService) {}

  @Get()
  @Authorize('list', 'UserGrant')
  @ApiOperation({
    summary: 'Access grants the caller may decide (default: pending), oldest first',
    description:
      "Administrators: grants at their country's agencies; supervisors: case-content grants at their own agency.",
  })
  list(@CurrentActor() actor: Actor, @Query() q: GrantListQuery) {
    return this.grants.list(actor, q);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Authorize('approve', 'UserGrant')
  @ApiOperation({
    summary: 'Approve a pending grant (never one you requested, nor one for yourself)',
    description:
      'The role, agency or credentials take effect. When the account needs (re)activation, the response carries `activation`: a single-use token the approver hands to the person.',
  })
  approve(@CurrentActor() actor: Actor, @Param() p: IdParam) {
    return this.grants.approve(actor, p.id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Authorize('reject', 'UserGrant')
  @ApiOperation({ summary: 'Reject a pending grant; a rejected new account never becomes usable' })
  reject(@CurrentActor() actor: Actor, @Param() p: IdParam, @Body() dto: RejectGrantDto) {
    return this.grants.reject(actor, p.id, dto?.reason);
  }
}
