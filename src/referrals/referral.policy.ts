import type { Actor } from '../common/actor';
import { Role } from '../common/role';
import type { AppAbilityBuilder } from '../authz/ability';
import { PolicyRules, PolicyRulesProvider } from '../authz/policy-rules';
import { caseworkScope } from '../cases/public';
import { ACTIVE_STATUSES } from './referral-lifecycle';

/** What the sending side does with a case's referrals. */
const SENDER_ACTIONS = [
  'create',
  'read',
  'list',
  'dispatch',
  'cancel',
  'retry',
  'amend',
  'readSnapshot',
  'listForCase',
];

/**
 * The sending side is whoever does casework on the referral's case (the case policy's scope over
 * the joined `case.*` fields: the assigned caseworker, the agency's supervisor), so seeing or
 * acting on a referral never reaches further than the case. The receiving agency's referral focal
 * points own their inbox and may read the snapshot only while the referral is active and its
 * consent stands (not withdrawn: `accessRevokedAt`; not expired: `consentInForce`, computed at
 * read time). Only supervisors may override consent.
 */
@PolicyRulesProvider()
export class ReferralPolicy implements PolicyRules {
  define(actor: Actor, { can }: AppAbilityBuilder): void {
    const onCase = caseworkScope(actor, 'case.');
    if (onCase) can(SENDER_ACTIONS, 'Referral', onCase);
    if (actor.role === Role.Supervisor) can('override', 'Referral');
    if (actor.role === Role.ReferralFocalPoint) {
      const inbox = { recipientAgencyId: actor.agencyId, status: { $ne: 'draft' } };
      can(['read', 'list'], 'Referral', inbox);
      can('respond', 'Referral', { recipientAgencyId: actor.agencyId, external: false });
      can('readSnapshot', 'Referral', {
        recipientAgencyId: actor.agencyId,
        status: { $in: ACTIVE_STATUSES },
        accessRevokedAt: null,
        consentInForce: true,
      });
    }
  }
}
