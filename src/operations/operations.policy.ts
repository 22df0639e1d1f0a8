import type { Actor } from '../common/actor';
import { Role } from '../common/role';
import type { AppAbilityBuilder } from '../authz/ability';
import { PolicyRules, PolicyRulesProvider } from '../authz/policy-rules';

/** Operations (queue jobs, the queue dashboard) are for administrators only. */
@PolicyRulesProvider()
export class OperationsPolicy implements PolicyRules {
  define(actor: Actor, { can }: AppAbilityBuilder): void {
    if (actor.role === Role.Administrator) can('manage', 'Operations');
  }
}
