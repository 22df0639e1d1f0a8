import type { Actor } from '../common/actor';
import { Role } from '../common/role';
import { asSubject } from '../authz/ability';
import { buildAbility } from '../authz/ability.factory';
import { CasePolicy } from '../cases/case.policy';
import { ReferralPolicy } from './referral.policy';

const actor = (role: Actor['role'], agencyId: string, userId = 'u'): Actor => ({
  userId,
  role,
  agencyId,
  countryCode: 'GT',
  language: 'es',
});
const ability = (a: Actor) => buildAbility(a, [new ReferralPolicy()]);
const referral = (over: Record<string, unknown> = {}) =>
  asSubject('Referral', {
    senderAgencyId: 'S',
    recipientAgencyId: 'R',
    status: 'delivered',
    external: false,
    accessRevokedAt: null,
    consentInForce: true,
    case: { agencyId: 'S', assignedUserId: 'u' },
    ...over,
  });

describe('ReferralPolicy', () => {
  const SENDER = [
    'create',
    'read',
    'list',
    'readSnapshot',
    'dispatch',
    'cancel',
    'retry',
    'amend',
    'listForCase',
  ];

  it('gives the caseworker assigned to the case its referrals, and no one else of the agency', () => {
    const cw = ability(actor(Role.Caseworker, 'S'));
    expect(cw.can('create', 'Referral')).toBe(true);
    for (const a of SENDER) expect(cw.can(a, referral())).toBe(true);
    const unassigned = ability(actor(Role.Caseworker, 'S', 'other'));
    for (const a of SENDER) expect(unassigned.can(a, referral())).toBe(false);
    expect(cw.can('respond', referral())).toBe(false);
    expect(cw.can('override', 'Referral')).toBe(false);
  });

  it('follows the case, not the referral: reassigning the case moves its referrals with it', () => {
    const moved = referral({ case: { agencyId: 'S', assignedUserId: 'other' } });
    expect(ability(actor(Role.Caseworker, 'S')).can('read', moved)).toBe(false);
    expect(ability(actor(Role.Caseworker, 'S', 'other')).can('read', moved)).toBe(true);
  });

  it('gives the supervisor the referrals of the agency’s cases, not other agencies’', () => {
    const sup = ability(actor(Role.Supervisor, 'S', 'boss'));
    for (const a of SENDER) expect(sup.can(a, referral())).toBe(true);
    for (const a of SENDER)
      expect(sup.can(a, referral({ case: { agencyId: 'X', assignedUserId: 'boss' } }))).toBe(false);
  });

  it('matches case access exactly: sending-side rights equal casework rights on the case', () => {
    const caseRecord = { agencyId: 'S', assignedUserId: 'u' };
    for (const a of [
      actor(Role.Caseworker, 'S'),
      actor(Role.Caseworker, 'S', 'other'),
      actor(Role.Supervisor, 'S'),
      actor(Role.Supervisor, 'X'),
    ]) {
      const both = buildAbility(a, [new ReferralPolicy(), new CasePolicy()]);
      expect(both.can('read', referral({ case: caseRecord }))).toBe(
        both.can('read', asSubject('Case', caseRecord)),
      );
    }
  });

  it('lets only supervisors override consent', () => {
    expect(ability(actor(Role.Supervisor, 'S')).can('override', 'Referral')).toBe(true);
    for (const r of [Role.Caseworker, Role.ReferralFocalPoint, Role.Administrator])
      expect(ability(actor(r, 'S')).can('override', 'Referral')).toBe(false);
  });

  it('shows the recipient focal point its inbox, never drafts, and no sending rights', () => {
    const fp = ability(actor(Role.ReferralFocalPoint, 'R'));
    expect(fp.can('read', referral())).toBe(true);
    expect(fp.can('read', referral({ status: 'draft' }))).toBe(false);
    expect(fp.can('read', referral({ recipientAgencyId: 'X' }))).toBe(false);
    expect(fp.can('respond', referral())).toBe(true);
    expect(fp.can('respond', referral({ external: true }))).toBe(false);
    expect(fp.can('create', 'Referral')).toBe(false);
    expect(fp.can('dispatch', referral())).toBe(false);
  });

  it('lets the recipient read the snapshot only while active and consent stands', () => {
    const fp = ability(actor(Role.ReferralFocalPoint, 'R'));
    for (const s of ['delivered', 'accepted', 'in_progress'])
      expect(fp.can('readSnapshot', referral({ status: s }))).toBe(true);
    for (const s of ['dispatched', 'rejected', 'completed', 'cancelled', 'delivery_failed'])
      expect(fp.can('readSnapshot', referral({ status: s }))).toBe(false);
    expect(fp.can('readSnapshot', referral({ accessRevokedAt: new Date() }))).toBe(false);
  });

  it('refuses the recipient the snapshot once the consent has lapsed, or when nobody checked', () => {
    const fp = ability(actor(Role.ReferralFocalPoint, 'R'));
    expect(fp.can('readSnapshot', referral({ consentInForce: false }))).toBe(false);
    expect(fp.can('readSnapshot', referral({ consentInForce: undefined }))).toBe(false);
  });

  it('gives nothing to administrators, auditors, analysts or the lead unit', () => {
    for (const r of [Role.Administrator, Role.Auditor, Role.RegionalAnalyst, Role.LeadUnitOfficer]) {
      const a = ability(actor(r, 'S'));
      expect(a.can('read', referral())).toBe(false);
      expect(a.can('create', 'Referral')).toBe(false);
    }
  });
});
