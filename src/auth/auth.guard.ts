import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { CommonErrors } from '../common/errors/common.errors';
import { requestContext } from '../common/request-context';
import type { Actor } from '../common/actor';
import { AccessTokenService } from './access-token.service';
import { IS_PUBLIC } from './public.decorator';

/** Global guard: every route requires a valid bearer token unless it is @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()]);
    if (isPublic) return true;
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { actor?: Actor }>();
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const actor = token ? this.tokens.verify(token) : null;
    if (!actor) throw CommonErrors.UNAUTHENTICATED();
    req.actor = actor;
    const rc = requestContext.get();
    if (rc) rc.actor = actor;
    return true;
  }
}
