import type { Actor } from '../common/actor';
import { Role } from '../common/role';
import type { AppAbilityBuilder } from '../authz/ability';
import { PolicyRules, PolicyRulesProvider } from '../authz/policy-rules';

/**
 * Administrators create, manage and approve the agreements that involve their country (as a
 * party country or through a party agency); an agreement naming only other countries is out of
 * their reach, and it takes effect only once every involved country approved it
 * (agreement-approval.ts). The people who refer and receive may read them (to know what may
 * travel). `involvedCountries` is an array: CASL's condition means "contains".
 */
@PolicyRulesProvider()
export class AgreementPolicy implements PolicyRules {
  define(actor: Actor, { can }: AppAbilityBuilder): void {
    const scope = { involvedCountries: actor.countryCode };
    if (actor.role === Role.Administrator) {
      can(['create', 'read', 'list', 'update', 'approve'], 'Agreement', scope);
    }
    if (
      actor.role === Role.Supervisor ||
      actor.role === Role.Caseworker ||
      actor.role === Role.ReferralFocalPoint
    ) {
      can(['read', 'list'], 'Agreement', scope);
    }
  }
}
