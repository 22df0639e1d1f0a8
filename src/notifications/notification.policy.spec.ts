import type { Actor } from '../common/actor';
import { ROLES } from '../common/role';
import { asSubject } from '../authz/ability';
import { buildAbility } from '../authz/ability.factory';
import { NotificationPolicy } from './notification.policy';

const actor = (role: Actor['role']): Actor => ({
  userId: `u-${role}`,
  role,
  agencyId: 'a1',
  countryCode: 'GT',
  language: 'es',
});

describe('NotificationPolicy', () => {
  it.each(ROLES)('%s reads and marks only their own notifications', (role) => {
    const ability = buildAbility(actor(role), [new NotificationPolicy()]);
    const own = asSubject('Notification', { userId: `u-${role}` });
    const other = asSubject('Notification', { userId: 'someone-else' });
    for (const action of ['read', 'list', 'update']) {
      expect(ability.can(action, own)).toBe(true);
      expect(ability.can(action, other)).toBe(false);
    }
    expect(ability.can('delete', own)).toBe(false);
  });
});
