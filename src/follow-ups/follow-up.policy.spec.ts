import type { Actor } from '../common/actor';
import { Role } from '../common/role';
import { asSubject } from '../authz/ability';
import { buildAbility } from '../authz/ability.factory';
import { redact } from '../authz/field-access';
import { FOLLOW_UP_FIELDS } from './follow-up.fields';
import { FollowUpPolicy } from './follow-up.policy';

const actor = (role: Actor['role'], over: Partial<Actor> = {}): Actor => ({
  userId: 'me',
  role,
  agencyId: 'agency-1',
  countryCode: 'GT',
  language: 'es',
  ...over,
});
const ability = (a: Actor) => buildAbility(a, [new FollowUpPolicy()]);
const followUp = (over: Record<string, unknown> = {}) =>
  asSubject('FollowUp', {
    id: 'f1',
    caseAssignedUserId: 'someone',
    caseAgencyId: 'agency-2',
    countryCode: 'GT',
    responsibleUserId: null,
    responsibleAgencyId: 'agency-2',
    outcomeNotes: 'notes',
    status: 'scheduled',
    ...over,
  });
const ALL = ['read', 'list', 'create', 'complete', 'cancel'];
const allowed = (a: Actor, record: Record<string, unknown>) =>
  ALL.filter((action) => ability(a).can(action, record as never));

describe('FollowUpPolicy', () => {
  it('caseworker: everything on their assigned cases, nothing elsewhere', () => {
    const a = actor(Role.Caseworker);
    expect(allowed(a, followUp({ caseAssignedUserId: 'me' }))).toEqual(ALL);
    expect(allowed(a, followUp({ caseAgencyId: 'agency-1' }))).toEqual([]);
  });

  it('caseworker: may record a follow-up they are responsible for on another case, not cancel it', () => {
    expect(allowed(actor(Role.Caseworker), followUp({ responsibleUserId: 'me' }))).toEqual([
      'read',
      'list',
      'complete',
    ]);
  });

  it("supervisor: everything on their agency's cases; records follow-ups their agency owns", () => {
    const a = actor(Role.Supervisor);
    expect(allowed(a, followUp({ caseAgencyId: 'agency-1' }))).toEqual(ALL);
    expect(allowed(a, followUp({ responsibleAgencyId: 'agency-1' }))).toEqual(['read', 'list', 'complete']);
    expect(allowed(a, followUp())).toEqual([]);
  });

  it('referral focal point: only follow-ups owned by their agency, with notes', () => {
    const a = actor(Role.ReferralFocalPoint);
    const owned = followUp({ responsibleAgencyId: 'agency-1' });
    expect(allowed(a, owned)).toEqual(['read', 'list', 'complete']);
    expect(allowed(a, followUp({ caseAgencyId: 'agency-1' }))).toEqual([]);
    expect(redact(ability(a), 'read', 'FollowUp', owned, FOLLOW_UP_FIELDS).outcomeNotes).toBe('notes');
  });

  it('lead-unit officer: reads follow-ups of their country, operational fields only', () => {
    const a = actor(Role.LeadUnitOfficer);
    const record = followUp();
    expect(allowed(a, record)).toEqual(['read', 'list']);
    expect(allowed(a, followUp({ countryCode: 'HN' }))).toEqual([]);
    expect(ability(a).can('read', record as never, 'outcomeNotes')).toBe(false);
    const shown = redact(ability(a), 'read', 'FollowUp', record, FOLLOW_UP_FIELDS);
    expect(shown).not.toHaveProperty('outcomeNotes');
    expect(shown).toMatchObject({ id: 'f1', status: 'scheduled' });
  });

  it.each([Role.RegionalAnalyst, Role.Auditor, Role.Administrator])('%s: nothing', (role) => {
    expect(allowed(actor(role), followUp({ caseAssignedUserId: 'me', caseAgencyId: 'agency-1' }))).toEqual(
      [],
    );
  });
});
