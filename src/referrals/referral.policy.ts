import type { Actor } from '../auth/actor';
import { Role } from '../auth/role';
import type { AppAbilityBuilder } from '../authz/ability';
import { PolicyRules, PolicyRulesProvider } from '../authz/policy-rules';
import { ACTIVE_STATUSES } from './referral-lifecycle';

/**
 * The sending agency's caseworkers and supervisors own their outbox; the receiving agency's
 * referral focal points own their inbox and may read the snapshot only while the referral is
 * active and its consent stands. Only supervisors may override consent.
 */
@PolicyRulesProvider()
export class ReferralPolicy implements PolicyRules {
  define(actor: Actor, { can }: AppAbilityBuilder): void {
    const sender = { senderAgencyId: actor.agencyId };
    if (actor.role === Role.Caseworker || actor.role === Role.Supervisor) {
      can(
        ['create', 'read', 'list', 'dispatch', 'cancel', 'retry', 'amend', 'readSnapshot', 'listForCase'],
        'Referral',
        sender,
      );
    }
    if (actor.role === Role.Supervisor) can('override', 'Referral');
    if (actor.role === Role.ReferralFocalPoint) {
      const inbox = { recipientAgencyId: actor.agencyId, status: { $ne: 'draft' } };
      can(['read', 'list'], 'Referral', inbox);
      can('respond', 'Referral', { recipientAgencyId: actor.agencyId, external: false });
      can('readSnapshot', 'Referral', {
        recipientAgencyId: actor.agencyId,
        status: { $in: ACTIVE_STATUSES },
        accessRevokedAt: null,
      });
    }
  }
}
