import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from '../common/actor';

/** The authenticated caller, set by the AuthGuard. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<{ actor: Actor }>().actor;
});
