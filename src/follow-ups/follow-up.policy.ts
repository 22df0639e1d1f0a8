import type { Actor } from '../common/actor';
import { Role } from '../common/role';
import type { AppAbilityBuilder } from '../authz/ability';
import { PolicyRulesProvider, PolicyRules } from '../authz/policy-rules';
import { FOLLOW_UP_OPERATIONAL_FIELDS } from './follow-up.fields';

/**
 * Who may do what with follow-ups. Conditions name fields of the follow-up joined with its case:
 * caseAssignedUserId, caseAgencyId, countryCode (the case's), responsibleUserId,
 * responsibleAgencyId (the follow-up's). Actions: read, list, create, complete (also "missed"),
 * cancel.
 */
@PolicyRulesProvider()
export class FollowUpPolicy implements PolicyRules {
  define(actor: Actor, { can }: AppAbilityBuilder): void {
    switch (actor.role) {
      case Role.Caseworker:
        can(['read', 'list', 'create', 'complete', 'cancel'], 'FollowUp', {
          caseAssignedUserId: actor.userId,
        });
        can(['read', 'list', 'complete'], 'FollowUp', { responsibleUserId: actor.userId });
        break;
      case Role.Supervisor:
        can(['read', 'list', 'create', 'complete', 'cancel'], 'FollowUp', { caseAgencyId: actor.agencyId });
        can(['read', 'list', 'complete'], 'FollowUp', { responsibleAgencyId: actor.agencyId });
        break;
      case Role.ReferralFocalPoint:
        // A receiving agency owns follow-ups under a referral: it records them, notes included.
        can(['read', 'list', 'complete'], 'FollowUp', { responsibleAgencyId: actor.agencyId });
        break;
      case Role.LeadUnitOfficer:
        can(['read', 'list'], 'FollowUp', FOLLOW_UP_OPERATIONAL_FIELDS, { countryCode: actor.countryCode });
        break;
      default:
        break;
    }
  }
}
