import type { Actor } from '../common/actor';
import { Role, ROLES } from '../common/role';
import { asSubject } from '../authz/ability';
import { buildAbility } from '../authz/ability.factory';
import { permittedClasses } from '../authz/field-access';
import { CASE_FIELDS } from './case.fields';
import { CasePolicy, CASEWORK_ACTIONS, SUPERVISION_ACTIONS } from './case.policy';

const actor = (role: Role, over: Partial<Actor> = {}): Actor => ({
  userId: 'u1',
  role,
  agencyId: 'a1',
  countryCode: 'GT',
  language: 'es',
  ...over,
});
const ability = (a: Actor) => buildAbility(a, [new CasePolicy()]);
const kase = (over: Record<string, unknown> = {}) =>
  asSubject('Case', { id: 'c1', agencyId: 'a1', assignedUserId: 'u1', countryCode: 'GT', ...over });

describe('CasePolicy', () => {
  it('lets a caseworker work only on the cases assigned to them', () => {
    const ab = ability(actor(Role.Caseworker));
    for (const action of CASEWORK_ACTIONS) {
      expect(ab.can(action, kase())).toBe(true);
      expect(ab.can(action, kase({ assignedUserId: 'u2' }))).toBe(false);
    }
    for (const action of SUPERVISION_ACTIONS) expect(ab.can(action, kase())).toBe(false);
  });

  it("lets a supervisor supervise the agency's cases, not another agency's", () => {
    const ab = ability(actor(Role.Supervisor, { userId: 's1' }));
    for (const action of [...CASEWORK_ACTIONS, ...SUPERVISION_ACTIONS]) {
      expect(ab.can(action, kase({ assignedUserId: 'u9' }))).toBe(true);
      expect(ab.can(action, kase({ agencyId: 'a2' }))).toBe(false);
    }
  });

  it('gives the lead unit operational fields of its own country only', () => {
    const lead = ability(actor(Role.LeadUnitOfficer));
    expect(permittedClasses(lead, 'read', 'Case', kase({ agencyId: 'a9' }), CASE_FIELDS)).toEqual([
      'operational',
    ]);
    expect(lead.can('read', kase({ countryCode: 'HN' }))).toBe(false);
    expect(lead.can('update', kase())).toBe(false);
  });

  it('gives regional analysts no case at all: aggregates only, through monitoring', () => {
    const analyst = ability(actor(Role.RegionalAnalyst));
    for (const action of [...CASEWORK_ACTIONS, ...SUPERVISION_ACTIONS, 'create'])
      for (const country of ['GT', 'HN'])
        expect(analyst.can(action, kase({ countryCode: country }))).toBe(false);
    expect(analyst.can('list', 'Case')).toBe(false);
    expect(analyst.can('search', 'Child')).toBe(false);
  });

  it('gives the case team every field class', () => {
    const cw = ability(actor(Role.Caseworker));
    expect(permittedClasses(cw, 'read', 'Case', kase(), CASE_FIELDS).sort()).toEqual([
      'identifying',
      'operational',
      'sensitive',
    ]);
  });

  it('gives administrators, auditors and referral focal points no case content', () => {
    for (const role of [Role.Administrator, Role.Auditor, Role.ReferralFocalPoint]) {
      const ab = ability(actor(role));
      for (const action of [...CASEWORK_ACTIONS, 'create', 'approve', 'assign', 'reopen'])
        expect(ab.can(action, kase())).toBe(false);
      expect(ab.can('search', 'Child')).toBe(false);
    }
    // The access log holds no case content: the auditor of the country may read it.
    expect(ability(actor(Role.Auditor)).can('viewAccessLog', kase())).toBe(true);
    expect(ability(actor(Role.Auditor)).can('viewAccessLog', kase({ countryCode: 'MX' }))).toBe(false);
  });

  it('covers every role', () => {
    for (const role of ROLES) expect(() => ability(actor(role))).not.toThrow();
  });
});
