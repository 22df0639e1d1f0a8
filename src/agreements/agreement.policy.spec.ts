import type { Actor } from '../common/actor';
import { Role } from '../common/role';
import { asSubject } from '../authz/ability';
import { buildAbility } from '../authz/ability.factory';
import { AgreementPolicy } from './agreement.policy';

const actor = (role: Actor['role'], countryCode = 'GT'): Actor => ({
  userId: 'u1',
  role,
  agencyId: 'a1',
  countryCode,
  language: 'es',
});
const ability = (a: Actor) => buildAbility(a, [new AgreementPolicy()]);
const gtMx = asSubject('Agreement', { involvedCountries: ['GT', 'MX'] });
const hnSv = asSubject('Agreement', { involvedCountries: ['HN', 'SV'] });
const gtHnMx = asSubject('Agreement', { involvedCountries: ['GT', 'HN', 'MX'] });
const hnMx = asSubject('Agreement', { involvedCountries: ['HN', 'MX'] });

describe('AgreementPolicy', () => {
  it('lets an administrator manage agreements involving their country only', () => {
    const admin = ability(actor(Role.Administrator));
    expect(admin.can('create', 'Agreement')).toBe(true);
    expect(admin.can('update', gtMx)).toBe(true);
    expect(admin.can('read', gtMx)).toBe(true);
    expect(admin.can('update', hnSv)).toBe(false);
    expect(admin.can('read', hnSv)).toBe(false);
  });

  it('lets an administrator create only agreements their own country is a party to', () => {
    const admin = ability(actor(Role.Administrator));
    expect(admin.can('create', gtMx)).toBe(true);
    expect(admin.can('create', gtHnMx)).toBe(true);
    expect(admin.can('create', hnMx)).toBe(false);
    expect(admin.can('create', hnSv)).toBe(false);
  });

  it('lets an administrator approve for their own country only, and no other role approve', () => {
    expect(ability(actor(Role.Administrator, 'HN')).can('approve', gtHnMx)).toBe(true);
    expect(ability(actor(Role.Administrator, 'MX')).can('approve', gtHnMx)).toBe(true);
    expect(ability(actor(Role.Administrator, 'SV')).can('approve', gtHnMx)).toBe(false);
    for (const role of [Role.Supervisor, Role.Caseworker, Role.ReferralFocalPoint, Role.Auditor])
      expect(ability(actor(role, 'HN')).can('approve', gtHnMx)).toBe(false);
  });

  it('lets referral roles read, not change, agreements of their country', () => {
    for (const role of [Role.Caseworker, Role.Supervisor, Role.ReferralFocalPoint]) {
      const a = ability(actor(role));
      expect(a.can('read', gtMx)).toBe(true);
      expect(a.can('read', hnSv)).toBe(false);
      expect(a.can('update', gtMx)).toBe(false);
      expect(a.can('create', 'Agreement')).toBe(false);
    }
  });

  it('gives nothing to auditors, analysts or the lead unit', () => {
    for (const role of [Role.Auditor, Role.RegionalAnalyst, Role.LeadUnitOfficer]) {
      const a = ability(actor(role));
      expect(a.can('read', gtMx)).toBe(false);
      expect(a.can('create', 'Agreement')).toBe(false);
    }
  });
});
