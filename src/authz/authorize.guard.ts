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
    const req = ctx.switchToHttp().getRequest<{ actor?: Actor; body?: unknown }>();
    const actor = req.actor;
    if (!actor) return true; // public route: nothing to authorize
    const body =
      typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
    const audit = typeof meta.audit === 'function' ? meta.audit(body) : meta.audit;
    await this.authz.assert(actor, meta.action, meta.subject, undefined, { action: audit });
    return true;
  }
}
