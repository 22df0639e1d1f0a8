import type { Actor } from '../common/actor';
import type { AppAbilityBuilder } from '../authz/ability';
import { PolicyRules, PolicyRulesProvider } from '../authz/policy-rules';

/** Every signed-in user has an inbox and sees only their own notifications. */
@PolicyRulesProvider()
export class NotificationPolicy implements PolicyRules {
  define(actor: Actor, { can }: AppAbilityBuilder): void {
    can(['read', 'list', 'update'], 'Notification', { userId: actor.userId });
  }
}
