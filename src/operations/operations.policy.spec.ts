import type { Actor } from '../common/actor';
import { ROLES, Role } from '../common/role';
import { buildAbility } from '../authz/ability.factory';
import { OperationsPolicy } from './operations.policy';

const actor = (role: Role): Actor => ({
  userId: '00000000-0000-4000-8000-000000000001',
  role,
  agencyId: '00000000-0000-4000-8000-000000000002',
  countryCode: 'GT',
  language: 'es',
});

describe('OperationsPolicy', () => {
  it('lets an administrator manage operations', () => {
    const ability = buildAbility(actor(Role.Administrator), [new OperationsPolicy()]);
    expect(ability.can('manage', 'Operations')).toBe(true);
    expect(ability.can('read', 'Operations')).toBe(true);
  });

  it.each(ROLES.filter((r) => r !== Role.Administrator))('gives %s nothing', (role) => {
    const ability = buildAbility(actor(role), [new OperationsPolicy()]);
    expect(ability.can('read', 'Operations')).toBe(false);
    expect(ability.can('manage', 'Operations')).toBe(false);
  });

  it('grants nothing beyond Operations', () => {
    const ability = buildAbility(actor(Role.Administrator), [new OperationsPolicy()]);
    expect(ability.can('read', 'Case')).toBe(false);
  });
});
