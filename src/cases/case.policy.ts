import type { Actor } from '../auth/actor';
import { Role } from '../auth/role';
import type { AppAbilityBuilder } from '../authz/ability';
import { PolicyRules, PolicyRulesProvider } from '../authz/policy-rules';
import { CASE_OPERATIONAL_FIELDS } from './case.fields';

/** Casework on one case: writing its sub-records and reading them. */
export const CASEWORK_ACTIONS = [
  'read',
  'list',
  'update',
  'consent',
  'assess',
  'plan',
  'interview',
  'bid',
  'requestClosure',
  'readRecords',
];
/** What only a supervisor does, on the agency's cases. */
export const SUPERVISION_ACTIONS = ['approve', 'assign', 'reopen', 'extend', 'viewAccessLog'];

/**
 * Need-to-know on cases (DESIGN.md, Confidentiality): the caseworker works on the cases assigned
 * to them, the supervisor on the agency's; the lead-unit officer reads operational fields of the
 * country's cases; the regional analyst gets aggregates only (monitoring, small cells suppressed),
 * never a case; the administrator, the auditor and the referral focal point get no case content
 * (the auditor may read a case's access log, which holds none). Referral recipients read
 * snapshots through the referrals module instead.
 */
@PolicyRulesProvider()
export class CasePolicy implements PolicyRules {
  define(actor: Actor, { can }: AppAbilityBuilder): void {
    switch (actor.role) {
      case Role.Caseworker:
        can('create', 'Case', { agencyId: actor.agencyId });
        can(CASEWORK_ACTIONS, 'Case', { assignedUserId: actor.userId });
        can('search', 'Child');
        break;
      case Role.Supervisor:
        can('create', 'Case', { agencyId: actor.agencyId });
        can([...CASEWORK_ACTIONS, ...SUPERVISION_ACTIONS], 'Case', { agencyId: actor.agencyId });
        can('search', 'Child');
        break;
      case Role.LeadUnitOfficer:
        can(['read', 'list'], 'Case', CASE_OPERATIONAL_FIELDS, { countryCode: actor.countryCode });
        break;
      case Role.Auditor:
        can('viewAccessLog', 'Case', { countryCode: actor.countryCode });
        break;
      default:
        break;
    }
  }
}
