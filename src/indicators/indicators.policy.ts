import type { Actor } from '../common/actor';
import { Role } from '../common/role';
import type { AppAbilityBuilder } from '../authz/ability';
import { PolicyRules, PolicyRulesProvider } from '../authz/policy-rules';

/**
 * Reintegration indicator measurements. The record checked is the case's scope
 * (`agencyId`, `assignedUserId`, `countryCode`). Caseworkers record and read on their assigned
 * cases, supervisors on their agency's cases. Lead-unit officers and analysts only ever see scores
 * through monitoring aggregates (monitoring.policy.ts); everyone else is denied.
 */
@PolicyRulesProvider()
export class IndicatorsPolicy implements PolicyRules {
  define(actor: Actor, { can }: AppAbilityBuilder): void {
    if (actor.role === Role.Caseworker)
      can(['create', 'read'], 'IndicatorMeasurement', {
        agencyId: actor.agencyId,
        assignedUserId: actor.userId,
      });
    if (actor.role === Role.Supervisor)
      can(['create', 'read'], 'IndicatorMeasurement', { agencyId: actor.agencyId });
  }
}
