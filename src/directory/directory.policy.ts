import type { Actor } from '../common/actor';
import { Role } from '../common/role';
import type { AppAbilityBuilder } from '../authz/ability';
import { PolicyRules, PolicyRulesProvider } from '../authz/policy-rules';
import { AGENCY_DIRECTORY_FIELDS, FOCAL_POINT_FIELDS } from './directory.fields';

/** Roles that send or receive referrals, and so search the directory. */
export const REFERRING_ROLES: Role[] = [Role.Caseworker, Role.Supervisor, Role.ReferralFocalPoint];

/** Roles that read case content. */
export const CASE_CONTENT_ROLES: Role[] = [Role.Caseworker, Role.Supervisor, Role.ReferralFocalPoint];

/**
 * Roles whose grant (new account, role or agency change, new credentials) takes effect only when
 * a second person approves it: the case-content roles, and administrators, because
 * administrators approve those grants (an administrator who could make another administrator
 * alone could approve their own requests through it).
 */
export const SECOND_PERSON_ROLES: Role[] = [...CASE_CONTENT_ROLES, Role.Administrator];

/** What an administrator does to agencies and users of their own country. */
export const ADMIN_ACTIONS = ['list', 'read', 'create', 'update', 'deactivate', 'activate'];

/**
 * Subjects: 'DirectoryReference' (countries, service types), 'Agency', 'User'.
 * - Every role reads the reference lists.
 * - Referring roles search active agencies in every country, see their operational fields (not
 *   the delivery endpoint nor the secret's name) and their active focal points.
 * - An administrator manages agencies and users of their own country only, with every field,
 *   but cannot deactivate themselves or change their own role or agency.
 * - Lead-unit officers, regional analysts and auditors get nothing here.
 * Users are scoped by their agency's country (`countryCode` is the agency's).
 * - 'UserGrant' (a pending grant of a SECOND_PERSON_ROLES role): administrators of the grant's
 *   country list, approve and reject them; supervisors do the same for case-content roles at
 *   their own agency. Nobody approves a grant they requested or a grant for themselves.
 */
@PolicyRulesProvider()
export class DirectoryPolicy implements PolicyRules {
  define(actor: Actor, { can, cannot }: AppAbilityBuilder): void {
    can('read', 'DirectoryReference');
    if (REFERRING_ROLES.includes(actor.role)) {
      can('search', 'Agency', { active: true });
      can('read', 'Agency', AGENCY_DIRECTORY_FIELDS, { active: true });
      can('read', 'User', FOCAL_POINT_FIELDS, { role: Role.ReferralFocalPoint, active: true });
    }
    if (actor.role === Role.Administrator) {
      const own = { countryCode: actor.countryCode };
      can(ADMIN_ACTIONS, 'Agency', own);
      can([...ADMIN_ACTIONS, 'resetActivation'], 'User', own);
      cannot('deactivate', 'User', { id: actor.userId });
      cannot('update', 'User', ['role', 'agencyId'], { id: actor.userId });
      can(['list', 'approve', 'reject'], 'UserGrant', own);
    }
    if (actor.role === Role.Supervisor)
      can(['list', 'approve', 'reject'], 'UserGrant', {
        agencyId: actor.agencyId,
        role: { $in: CASE_CONTENT_ROLES },
      });
    cannot('approve', 'UserGrant', { requestedBy: actor.userId });
    cannot('approve', 'UserGrant', { userId: actor.userId });
  }
}
