import type { Actor } from '../common/actor';
import { ROLES, Role } from '../common/role';
import { asSubject } from '../authz/ability';
import { buildAbility } from '../authz/ability.factory';
import { IndicatorsPolicy } from './indicators.policy';

const actor = (role: Role, over: Partial<Actor> = {}): Actor => ({
  userId: 'u1',
  role,
  agencyId: 'a1',
  countryCode: 'GT',
  language: 'es',
  ...over,
});
const ability = (a: Actor) => buildAbility(a, [new IndicatorsPolicy()]);
const rec = (over: Record<string, unknown> = {}) =>
  asSubject('IndicatorMeasurement', { agencyId: 'a1', assignedUserId: 'u1', countryCode: 'GT', ...over });

describe('IndicatorsPolicy', () => {
  it('lets a caseworker record and read on assigned cases only', () => {
    const ab = ability(actor(Role.Caseworker));
    expect(ab.can('create', rec())).toBe(true);
    expect(ab.can('read', rec())).toBe(true);
    expect(ab.can('read', rec({ assignedUserId: 'u2' }))).toBe(false);
    expect(ab.can('create', rec({ agencyId: 'a2' }))).toBe(false);
  });

  it('lets a supervisor record and read on any case of the agency', () => {
    const ab = ability(actor(Role.Supervisor));
    expect(ab.can('create', rec({ assignedUserId: 'someone' }))).toBe(true);
    expect(ab.can('read', rec({ assignedUserId: null }))).toBe(true);
    expect(ab.can('read', rec({ agencyId: 'a2' }))).toBe(false);
  });

  it('lets caseworkers and supervisors see the sensitive answers, which nobody else reads', () => {
    expect(ability(actor(Role.Caseworker)).can('read', rec(), 'answers')).toBe(true);
    expect(ability(actor(Role.Supervisor)).can('read', rec(), 'answers')).toBe(true);
  });

  it.each(ROLES.filter((r) => r !== Role.Caseworker && r !== Role.Supervisor))(
    'denies %s any measurement, even in its own agency and country',
    (role) => {
      const ab = ability(actor(role));
      expect(ab.can('read', rec())).toBe(false);
      expect(ab.can('create', rec())).toBe(false);
      expect(ab.can('read', 'IndicatorMeasurement')).toBe(false);
    },
  );
});
