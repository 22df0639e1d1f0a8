import type { Actor } from '../common/actor';
import { Role } from '../common/role';
import type { AppAbilityBuilder } from '../authz/ability';
import { PolicyRules, PolicyRulesProvider } from '../authz/policy-rules';

/**
 * Monitoring aggregates and drill-downs (operational fields only). `Monitoring` records are a
 * scope `{ countryCode, agencyId }`: lead-unit officers read and export their country,
 * supervisors their agency. `RegionalMonitoring` (cross-country, small cells suppressed) is the
 * regional analyst's only view. An export file is readable by whoever requested it.
 */
@PolicyRulesProvider()
export class MonitoringPolicy implements PolicyRules {
  define(actor: Actor, { can }: AppAbilityBuilder): void {
    switch (actor.role) {
      case Role.LeadUnitOfficer:
        can(['read', 'export'], 'Monitoring', { countryCode: actor.countryCode });
        break;
      case Role.Supervisor:
        can(['read', 'export'], 'Monitoring', { countryCode: actor.countryCode, agencyId: actor.agencyId });
        break;
      case Role.RegionalAnalyst:
        can(['read', 'export'], 'RegionalMonitoring');
        break;
      default:
        return;
    }
    can('read', 'MonitoringExport', { requestedBy: actor.userId });
  }
}
