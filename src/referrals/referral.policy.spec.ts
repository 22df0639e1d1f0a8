import type { Actor } from '../auth/actor';
import { Role } from '../auth/role';
import { asSubject } from '../authz/ability';
import { buildAbility } from '../authz/ability.factory';
import { ReferralPolicy } from './referral.policy';

const actor = (role: Actor['role'], agencyId: string): Actor => ({
  userId: 'u',
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
    ...over,
  });

describe('ReferralPolicy', () => {
  it('gives the sending agency’s caseworkers their outbox, not other agencies’', () => {
    const cw = ability(actor(Role.Caseworker, 'S'));
    expect(cw.can('create', 'Referral')).toBe(true);
    for (const a of ['read', 'dispatch', 'cancel', 'retry', 'amend', 'listForCase'])
      expect(cw.can(a, referral())).toBe(true);
    expect(cw.can('read', referral({ senderAgencyId: 'X' }))).toBe(false);
    expect(cw.can('respond', referral())).toBe(false);
    expect(cw.can('override', 'Referral')).toBe(false);
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

  it('gives nothing to administrators, auditors, analysts or the lead unit', () => {
    for (const r of [Role.Administrator, Role.Auditor, Role.RegionalAnalyst, Role.LeadUnitOfficer]) {
      const a = ability(actor(r, 'S'));
      expect(a.can('read', referral())).toBe(false);
      expect(a.can('create', 'Referral')).toBe(false);
    }
  });
});
