import type { Actor } from '../common/actor';
import { Role } from '../common/role';
import { AppAbilityBuilder } from './ability';
import { buildAbility } from './ability.factory';
import { FieldClassMap, fieldsOfClass, permittedClasses, redact } from './field-access';
import type { PolicyRules } from './policy-rules';

/** A sample subject with fields of each class, as a module would declare it in `x.fields.ts`. */
const SAMPLE_FIELDS: FieldClassMap = {
  caseNumber: 'operational',
  status: 'operational',
  riskLevel: 'operational',
  agencyId: 'operational',
  firstNames: 'identifying',
  dateOfBirth: 'identifying',
  genderIdentity: 'sensitive',
  psychosocialNotes: 'sensitive',
};
const OPERATIONAL = fieldsOfClass(SAMPLE_FIELDS, 'operational');
const IDENTIFYING = fieldsOfClass(SAMPLE_FIELDS, 'identifying');
const SENSITIVE = fieldsOfClass(SAMPLE_FIELDS, 'sensitive');

/** Need-to-know by role, as DESIGN.md sets it out, on a sample subject. */
class SamplePolicy implements PolicyRules {
  define(actor: Actor, { can, cannot }: AppAbilityBuilder): void {
    switch (actor.role) {
      case Role.Caseworker:
        can('read', 'Sample', { agencyId: actor.agencyId });
        break;
      case Role.Supervisor:
        can('read', 'Sample', { agencyId: actor.agencyId });
        // A closed case's sensitive notes are not the supervisor's to reread.
        cannot('read', 'Sample', SENSITIVE, { status: 'closed' });
        break;
      case Role.ReferralFocalPoint:
        can('read', 'Sample', [...OPERATIONAL, ...IDENTIFYING], { agencyId: actor.agencyId });
        break;
      case Role.LeadUnitOfficer:
        can('read', 'Sample');
        cannot('read', 'Sample', [...IDENTIFYING, ...SENSITIVE]);
        break;
      default:
        break; // analyst, auditor, administrator: no case content
    }
  }
}

const AGENCY = 'agency-1';
const actor = (role: Role): Actor => ({
  userId: 'u',
  role,
  agencyId: AGENCY,
  countryCode: 'GT',
  language: 'es',
});
const ability = (role: Role) => buildAbility(actor(role), [new SamplePolicy()]);
const record = (over: Record<string, unknown> = {}) => ({
  id: 'rec-1',
  version: 3,
  caseNumber: 'GT-2026-000001',
  status: 'open',
  riskLevel: 'high',
  agencyId: AGENCY,
  firstNames: 'Ana',
  dateOfBirth: '2012-04-01',
  genderIdentity: 'x',
  psychosocialNotes: 'notes',
  internalOnly: 'never shown',
  ...over,
});
const keys = (o: object) => Object.keys(o).sort();

describe('redact', () => {
  it('gives the caseworker of the agency every classified field and drops unclassified ones', () => {
    const out = redact(ability(Role.Caseworker), 'read', 'Sample', record(), SAMPLE_FIELDS);
    expect(keys(out)).toEqual(keys(SAMPLE_FIELDS));
    expect(out).not.toHaveProperty('internalOnly');
  });

  it('keeps alwaysKeep fields only when the record may be read at all', () => {
    const opts = { alwaysKeep: ['id', 'version'] };
    expect(redact(ability(Role.Caseworker), 'read', 'Sample', record(), SAMPLE_FIELDS, opts)).toMatchObject({
      id: 'rec-1',
      version: 3,
    });
    expect(
      redact(ability(Role.Caseworker), 'read', 'Sample', record({ agencyId: 'other' }), SAMPLE_FIELDS, opts),
    ).toEqual({});
  });

  it('applies a cannot on a field class only where its condition holds', () => {
    const open = redact(ability(Role.Supervisor), 'read', 'Sample', record(), SAMPLE_FIELDS);
    expect(keys(open)).toEqual(keys(SAMPLE_FIELDS));
    const closed = redact(
      ability(Role.Supervisor),
      'read',
      'Sample',
      record({ status: 'closed' }),
      SAMPLE_FIELDS,
    );
    expect(keys(closed)).toEqual([...OPERATIONAL, ...IDENTIFYING].sort());
  });

  it('limits a field-restricted can to its fields', () => {
    const out = redact(ability(Role.ReferralFocalPoint), 'read', 'Sample', record(), SAMPLE_FIELDS);
    expect(keys(out)).toEqual([...OPERATIONAL, ...IDENTIFYING].sort());
  });

  it('shows the lead unit operational fields only (unconditional cannot on two classes)', () => {
    const out = redact(
      ability(Role.LeadUnitOfficer),
      'read',
      'Sample',
      record({ agencyId: 'elsewhere' }),
      SAMPLE_FIELDS,
    );
    expect(keys(out)).toEqual([...OPERATIONAL].sort());
    expect(
      permittedClasses(ability(Role.LeadUnitOfficer), 'read', 'Sample', record(), SAMPLE_FIELDS),
    ).toEqual(['operational']);
  });

  it.each([Role.RegionalAnalyst, Role.Auditor, Role.Administrator])('shows %s nothing', (role) => {
    expect(redact(ability(role), 'read', 'Sample', record(), SAMPLE_FIELDS)).toEqual({});
  });

  it('shows nothing of another agency’s record to the caseworker', () => {
    expect(
      redact(ability(Role.Caseworker), 'read', 'Sample', record({ agencyId: 'x' }), SAMPLE_FIELDS),
    ).toEqual({});
  });
});
