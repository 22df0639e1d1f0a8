import type { Actor } from '../common/actor';
import { Role } from '../common/role';
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
 * The cases an actor does casework on, as a condition on a case's fields: the caseworker's
 * assigned cases, the supervisor's agency's; null for every other role. `prefix` names the case
 * inside another record (`'case.'` on a referral), so modules that act on a case (referrals)
 * state their rules with this one scope instead of repeating it.
 */
export function caseworkScope(actor: Actor, prefix = ''): Record<string, string> | null {
  if (actor.role === Role.Caseworker) return { [`${prefix}assignedUserId`]: actor.userId };
  if (actor.role === Role.Supervisor) return { [`${prefix}agencyId`]: actor.agencyId };
  return null;
}

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
        can(CASEWORK_ACTIONS, 'Case', caseworkScope(actor)!);
        can('search', 'Child');
        break;
      case Role.Supervisor:
        can('create', 'Case', { agencyId: actor.agencyId });
        can([...CASEWORK_ACTIONS, ...SUPERVISION_ACTIONS], 'Case', caseworkScope(actor)!);
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
