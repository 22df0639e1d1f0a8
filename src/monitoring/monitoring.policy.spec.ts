import type { Actor } from '../common/actor';
import { Role } from '../common/role';
import { asSubject } from '../authz/ability';
import { buildAbility } from '../authz/ability.factory';
import { abilityToSql } from '../authz/casl-sql';
import { MonitoringPolicy } from './monitoring.policy';

const actor = (role: Role): Actor => ({
  userId: 'u1',
  role,
  agencyId: 'a1',
  countryCode: 'GT',
  language: 'es',
});
const ability = (role: Role) => buildAbility(actor(role), [new MonitoringPolicy()]);
const scope = (countryCode: string, agencyId: string) => asSubject('Monitoring', { countryCode, agencyId });

describe('MonitoringPolicy', () => {
  it('lets a lead-unit officer read and export monitoring of its own country only', () => {
    const ab = ability(Role.LeadUnitOfficer);
    expect(ab.can('read', scope('GT', 'any-agency'))).toBe(true);
    expect(ab.can('export', scope('GT', 'a2'))).toBe(true);
    expect(ab.can('read', scope('HN', 'a1'))).toBe(false);
    expect(ab.can('read', 'RegionalMonitoring')).toBe(false);
  });

  it('lets a supervisor read its own agency only', () => {
    const ab = ability(Role.Supervisor);
    expect(ab.can('read', scope('GT', 'a1'))).toBe(true);
    expect(ab.can('read', scope('GT', 'a2'))).toBe(false);
    expect(ab.can('read', 'RegionalMonitoring')).toBe(false);
  });

  it('gives the regional analyst the regional view and nothing national', () => {
    const ab = ability(Role.RegionalAnalyst);
    expect(ab.can('read', 'RegionalMonitoring')).toBe(true);
    expect(ab.can('read', 'Monitoring')).toBe(false);
    expect(ab.can('read', scope('GT', 'a1'))).toBe(false);
  });

  it.each([Role.Caseworker, Role.ReferralFocalPoint, Role.Auditor, Role.Administrator])(
    'denies %s',
    (role) => {
      const ab = ability(role);
      expect(ab.can('read', 'Monitoring')).toBe(false);
      expect(ab.can('read', 'RegionalMonitoring')).toBe(false);
      expect(ab.can('read', asSubject('MonitoringExport', { requestedBy: 'u1' }))).toBe(false);
    },
  );

  it('lets only the requester read an export file', () => {
    const ab = ability(Role.LeadUnitOfficer);
    expect(ab.can('read', asSubject('MonitoringExport', { requestedBy: 'u1' }))).toBe(true);
    expect(ab.can('read', asSubject('MonitoringExport', { requestedBy: 'u2' }))).toBe(false);
  });

  it('turns into the SQL scope the metrics use', () => {
    const cols = { countryCode: 'c.country_code', agencyId: 'c.agency_id' };
    const lead = abilityToSql(ability(Role.LeadUnitOfficer), 'read', 'Monitoring', cols);
    expect(lead.sql).toMatch(/c\.country_code = :casl_\d+/);
    expect(Object.values(lead.params)).toEqual(['GT']);
    const sup = abilityToSql(ability(Role.Supervisor), 'read', 'Monitoring', cols);
    expect(Object.values(sup.params).sort()).toEqual(['GT', 'a1']);
    expect(abilityToSql(ability(Role.Caseworker), 'read', 'Monitoring', cols).sql).toBe('FALSE');
  });
});
