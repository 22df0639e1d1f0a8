import type { Actor } from '../common/actor';
import { Role, ROLES } from '../common/role';
import { asSubject } from '../authz/ability';
import { buildAbility } from '../authz/ability.factory';
import { AuditPolicy } from './audit.policy';

const actor = (role: Role, countryCode = 'GT'): Actor => ({
  userId: '00000000-0000-4000-8000-000000000001',
  role,
  agencyId: '00000000-0000-4000-8000-0000000000a1',
  countryCode,
  language: 'es',
});
const ability = (a: Actor) => buildAbility(a, [new AuditPolicy()]);
const entry = (actorCountryCode: string | null) =>
  asSubject('AuditEntry', { actorCountryCode, action: 'case.read' });

describe('AuditPolicy', () => {
  it('lets the auditor list entries of staff of their country and entries without an actor country', () => {
    const a = ability(actor(Role.Auditor, 'GT'));
    expect(a.can('list', 'AuditEntry')).toBe(true);
    expect(a.can('list', entry('GT'))).toBe(true);
    expect(a.can('list', entry(null))).toBe(true);
    expect(a.can('list', entry('HN'))).toBe(false);
  });

  it('lets the auditor verify the chain', () => {
    expect(ability(actor(Role.Auditor)).can('verify', 'AuditChain')).toBe(true);
  });

  it('gives the auditor nothing else: no case content, no writes to the trail', () => {
    const a = ability(actor(Role.Auditor));
    for (const action of ['read', 'create', 'update', 'delete', 'export'])
      expect(a.can(action, 'AuditEntry')).toBe(false);
    expect(a.can('read', 'Case')).toBe(false);
  });

  it.each(ROLES.filter((r) => r !== Role.Auditor))('gives %s no access to the trail', (role) => {
    const a = ability(actor(role));
    expect(a.can('list', 'AuditEntry')).toBe(false);
    expect(a.can('list', entry('GT'))).toBe(false);
    expect(a.can('list', entry(null))).toBe(false);
    expect(a.can('verify', 'AuditChain')).toBe(false);
  });
});
