import type { Actor } from '../common/actor';
import { Role, ROLES } from '../common/role';
import { asSubject } from '../authz/ability';
import { buildAbility } from '../authz/ability.factory';
import { redact } from '../authz/field-access';
import { AGENCY_FIELDS } from './directory.fields';
import {
  CASE_CONTENT_ROLES,
  DirectoryPolicy,
  REFERRING_ROLES,
  SECOND_PERSON_ROLES,
} from './directory.policy';

const actor = (role: Role, countryCode = 'GT'): Actor => ({
  userId: 'u-1',
  role,
  agencyId: 'a-1',
  countryCode,
  language: 'es',
});
const ability = (a: Actor) => buildAbility(a, [new DirectoryPolicy()]);
const agency = (over: Record<string, unknown> = {}) =>
  asSubject('Agency', {
    id: 'a-2',
    countryCode: 'HN',
    name: 'DINAF',
    active: true,
    onEnlace: false,
    deliveryEndpoint: 'https://example.org/in',
    signingSecretRef: 'EXTERNAL_AGENCY_SECRET_HN',
    version: 1,
    ...over,
  });

describe('directory policy', () => {
  it('lets every role read the reference lists', () => {
    for (const role of ROLES) expect(ability(actor(role)).can('read', 'DirectoryReference')).toBe(true);
  });

  it('lets exactly the referring roles search the directory, active agencies of any country', () => {
    for (const role of ROLES) {
      const a = ability(actor(role));
      const refers = REFERRING_ROLES.includes(role);
      expect(a.can('search', 'Agency')).toBe(refers);
      expect(a.can('search', agency())).toBe(refers);
      expect(a.can('search', agency({ active: false }))).toBe(false);
    }
  });

  it('hides the delivery endpoint and the secret name from everyone but administrators', () => {
    for (const role of REFERRING_ROLES) {
      const a = ability(actor(role));
      expect(a.can('read', agency(), 'name')).toBe(true);
      expect(a.can('read', agency(), 'deliveryEndpoint')).toBe(false);
      expect(a.can('read', agency(), 'signingSecretRef')).toBe(false);
      const shown = redact(a, 'read', 'Agency', agency(), AGENCY_FIELDS);
      expect(shown).toMatchObject({ id: 'a-2', name: 'DINAF', onEnlace: false });
      expect(shown).not.toHaveProperty('deliveryEndpoint');
      expect(shown).not.toHaveProperty('signingSecretRef');
      expect(shown).not.toHaveProperty('version');
    }
    const admin = ability(actor(Role.Administrator, 'HN'));
    expect(redact(admin, 'read', 'Agency', agency(), AGENCY_FIELDS)).toMatchObject({
      deliveryEndpoint: 'https://example.org/in',
      signingSecretRef: 'EXTERNAL_AGENCY_SECRET_HN',
      version: 1,
    });
  });

  it('scopes administrators to their own country', () => {
    const admin = ability(actor(Role.Administrator, 'GT'));
    for (const action of ['list', 'read', 'create', 'update', 'deactivate', 'activate']) {
      expect(admin.can(action, agency({ countryCode: 'GT' }))).toBe(true);
      expect(admin.can(action, agency({ countryCode: 'HN' }))).toBe(false);
      expect(admin.can(action, asSubject('User', { id: 'u-9', countryCode: 'GT' }))).toBe(true);
      expect(admin.can(action, asSubject('User', { id: 'u-9', countryCode: 'MX' }))).toBe(false);
    }
    expect(admin.can('resetActivation', asSubject('User', { id: 'u-9', countryCode: 'GT' }))).toBe(true);
    expect(admin.can('setPassword', 'User')).toBe(false);
    expect(admin.can('search', 'Agency')).toBe(false);
  });

  it('keeps administrators from locking themselves out', () => {
    const admin = ability(actor(Role.Administrator, 'GT'));
    const self = asSubject('User', { id: 'u-1', countryCode: 'GT' });
    expect(admin.can('deactivate', self)).toBe(false);
    expect(admin.can('update', self, 'role')).toBe(false);
    expect(admin.can('update', self, 'agencyId')).toBe(false);
    expect(admin.can('update', self, 'fullName')).toBe(true);
  });

  it('gives non-administrators no management action', () => {
    for (const role of ROLES.filter((r) => r !== Role.Administrator)) {
      const a = ability(actor(role));
      for (const action of ['list', 'create', 'update', 'deactivate', 'activate', 'resetActivation']) {
        expect(a.can(action, 'Agency')).toBe(false);
        expect(a.can(action, 'User')).toBe(false);
      }
    }
  });

  it('shows referring roles only active focal points, and only their contact fields', () => {
    const a = ability(actor(Role.Caseworker));
    const fp = asSubject('User', { id: 'u-5', role: Role.ReferralFocalPoint, active: true });
    expect(a.can('read', fp, 'email')).toBe(true);
    expect(a.can('read', fp, 'lockedUntil')).toBe(false);
    expect(a.can('read', asSubject('User', { id: 'u-6', role: Role.Supervisor, active: true }))).toBe(false);
    expect(
      a.can('read', asSubject('User', { id: 'u-7', role: Role.ReferralFocalPoint, active: false })),
    ).toBe(false);
  });

  describe('second-person grants', () => {
    const grant = (over: Record<string, unknown> = {}) =>
      asSubject('UserGrant', {
        id: 'g-1',
        userId: 'u-9',
        role: Role.Supervisor,
        agencyId: 'a-1',
        countryCode: 'GT',
        status: 'pending',
        requestedBy: 'u-8',
        ...over,
      });

    it('needs a second person for every case-content role and for administrators', () => {
      expect([...CASE_CONTENT_ROLES].sort()).toEqual(['caseworker', 'referral_focal_point', 'supervisor']);
      expect([...SECOND_PERSON_ROLES].sort()).toEqual([...CASE_CONTENT_ROLES, Role.Administrator].sort());
    });

    it('lets another administrator of the country decide, never the requester nor the grantee', () => {
      const admin = ability(actor(Role.Administrator, 'GT'));
      for (const action of ['list', 'approve', 'reject']) expect(admin.can(action, grant())).toBe(true);
      expect(admin.can('approve', grant({ countryCode: 'HN' }))).toBe(false);
      expect(admin.can('approve', grant({ requestedBy: 'u-1' }))).toBe(false);
      expect(admin.can('approve', grant({ userId: 'u-1' }))).toBe(false);
      // The requester may withdraw (reject) their own request.
      expect(admin.can('reject', grant({ requestedBy: 'u-1' }))).toBe(true);
    });

    it('lets a supervisor decide case-content grants at their own agency only', () => {
      const sup = ability(actor(Role.Supervisor));
      for (const role of CASE_CONTENT_ROLES) expect(sup.can('approve', grant({ role }))).toBe(true);
      expect(sup.can('approve', grant({ role: Role.Administrator }))).toBe(false);
      expect(sup.can('approve', grant({ role: Role.Auditor }))).toBe(false);
      expect(sup.can('approve', grant({ agencyId: 'a-2' }))).toBe(false);
      expect(sup.can('approve', grant({ requestedBy: 'u-1' }))).toBe(false);
    });

    it('gives every other role nothing', () => {
      for (const role of ROLES.filter((r) => r !== Role.Administrator && r !== Role.Supervisor)) {
        const a = ability(actor(role));
        for (const action of ['list', 'approve', 'reject']) expect(a.can(action, 'UserGrant')).toBe(false);
      }
    });
  });
});
