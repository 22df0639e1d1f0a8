import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Public } from '../auth/public.decorator';
import { AppError } from '../common/errors/app-error';
import { AccountService, Me } from './account.service';
import { ActivationService } from './activation.service';
import { ActivateDto, ChangePasswordDto, LoginDto, RefreshDto, TokenPairDto } from './identity.dto';
import { LoginService } from './login.service';
import { SessionsService, TokenPair } from './sessions.service';

/** Adds Retry-After to a lockout or rate-limit answer; the problem filter renders the error itself. */
async function withRetryAfter<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    const wait = e instanceof AppError ? e.params.retryAfterSeconds : undefined;
    if (typeof wait === 'number') void reply.header('retry-after', String(wait));
    throw e;
  }
}

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly logins: LoginService,
    private readonly sessions: SessionsService,
    private readonly account: AccountService,
    private readonly activation: ActivationService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with email and password',
    description:
      'Returns an access token and a refresh token. Unknown email, wrong password, inactive, unactivated and locked accounts get the same 401; a locked account adds Retry-After. Too many attempts from one client address: 429 with Retry-After.',
  })
  @ApiOkResponse({ type: TokenPairDto })
  login(
    @Body() dto: LoginDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenPair> {
    return withRetryAfter(reply, () => this.logins.login(dto.email, dto.password, req.ip));
  }

  @Public()
  @Post('activate')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set the password of a new (or reset) account with its single-use activation token',
    description: 'Password rules apply; the token is spent on success. Then sign in with the new password.',
  })
  async activate(@Body() dto: ActivateDto): Promise<void> {
    await this.activation.activate(dto.token, dto.password);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair',
    description: 'The presented token is spent; presenting a spent token again revokes its whole family.',
  })
  @ApiOkResponse({ type: TokenPairDto })
  refresh(@Body() dto: RefreshDto): Promise<TokenPair> {
    return this.sessions.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke the session (refresh token family) of this refresh token' })
  async logout(@CurrentActor() actor: Actor, @Body() dto: RefreshDto): Promise<void> {
    await this.sessions.logout(actor, dto.refreshToken);
  }

  @Get('me')
  @ApiOperation({ summary: 'The signed-in user: role, agency, country and language' })
  me(@CurrentActor() actor: Actor): Promise<Me> {
    return this.account.me(actor);
  }

  @Post('password')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change your own password',
    description: 'Needs the current password; ends every session of the account.',
  })
  async changePassword(
    @CurrentActor() actor: Actor,
    @Body() dto: ChangePasswordDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await withRetryAfter(reply, () =>
      this.account.changePassword(actor, dto.currentPassword, dto.newPassword),
    );
  }
}
