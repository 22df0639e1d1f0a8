import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor } from '../common/actor';
import { AUTHORIZE, AuthorizeMeta } from './authorize.decorator';
import { AuthzService } from './authz.service';

/** Global guard (after AuthGuard): enforces @Authorize and audits denials. */
@Injectable()
export class AuthorizeGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authz: AuthzService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const meta = this.reflector.get<AuthorizeMeta | undefined>(AUTHORIZE, ctx.getHandler());
    if (!meta) return true;
    const actor = ctx.switchToHttp().getRequest<{ actor?: Actor }>().actor;
    if (!actor) return true; // public route: nothing to authorize
    await this.authz.assert(actor, meta.action, meta.subject);
    return true;
  }
}
