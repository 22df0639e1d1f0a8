import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authorize } from '../authz/authorize.decorator';
import { CreateUserDto, IdParam, UpdateUserDto, UserListQuery, VersionDto } from './directory.dto';
import { UserAdminService } from './user-admin.service';

@ApiTags('admin: users')
@Controller('api/v1/admin/users')
export class UserAdminController {
  constructor(private readonly users: UserAdminService) {}

  @Get()
  @Authorize('list', 'User')
  @ApiOperation({ summary: "Users of the administrator's country, keyset-paged by email" })
  list(@CurrentActor() actor: Actor, @Query() q: UserListQuery) {
    return this.users.list(actor, q);
  }

  @Post()
  @Authorize('create', 'User')
  @ApiOperation({
    summary: "Create a user at an agency of the administrator's country",
    description:
      'No password: caseworker, supervisor, referral focal point and administrator accounts wait for a second person (`grant`, see /user-grants), whose approval returns the activation token to the approver; other roles return `activation` (a single-use token for the person, POST /auth/activate).',
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  @Get(':id')
  // 'list' (an administrator's right), not 'read': referring roles may read some user fields
  // through the directory, never through the administration routes.
  @Authorize('list', 'User')
  @ApiOperation({ summary: 'One user' })
  get(@CurrentActor() actor: Actor, @Param() p: IdParam) {
    return this.users.get(actor, p.id);
  }

  @Patch(':id')
  @Authorize('update', 'User')
  @ApiOperation({
    summary: 'Update role, agency, name or language (send the version you read)',
    description:
      'A role or agency change that gives a caseworker, supervisor, referral focal point or administrator role becomes a pending `grant` instead of taking effect.',
  })
  update(@CurrentActor() actor: Actor, @Param() p: IdParam, @Body() dto: UpdateUserDto) {
    return this.users.update(actor, p.id, dto);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Authorize('deactivate', 'User')
  @ApiOperation({ summary: 'Deactivate a user: no sign-in, sessions ended' })
  deactivate(@CurrentActor() actor: Actor, @Param() p: IdParam, @Body() dto: VersionDto) {
    return this.users.setActive(actor, p.id, false, dto?.version);
  }

  @Post(':id/activate')
  @HttpCode(200)
  @Authorize('activate', 'User')
  @ApiOperation({ summary: 'Reactivate a user' })
  activate(@CurrentActor() actor: Actor, @Param() p: IdParam, @Body() dto: VersionDto) {
    return this.users.setActive(actor, p.id, true, dto?.version);
  }

  @Post(':id/activation-reset')
  @HttpCode(200)
  @Authorize('resetActivation', 'User')
  @ApiOperation({
    summary: 'New credentials through a new single-use activation token',
    description:
      'The current password stops working and sessions end when the token is issued: at once (returned as `activation`) for roles that need no second person; on approval of the returned `grant` (token to the approver) for the others.',
  })
  resetActivation(@CurrentActor() actor: Actor, @Param() p: IdParam) {
    return this.users.resetActivation(actor, p.id);
  }
}
