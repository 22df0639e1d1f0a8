import { join } from 'node:path';
import { ROLES } from '../common/role';
import { AGENCY_TYPES } from '../directory/agency.entity';
import { DEMO_ACCOUNT } from '../embedded/ready-line';
import { loadServiceTypes } from '../directory/service-types';
import { passwordIssues } from '../identity/password-rules';
import { DEMO_AGENCIES, DEMO_PASSWORD, DEMO_USERS, demoEmail } from './demo-directory';
import { seedId } from './seed';

describe('demo directory data', () => {
  const services = new Set(loadServiceTypes(join(__dirname, '..', '..', 'config')).map((s) => s.code));

  it('uses only known service types and agency types, with unique keys', () => {
    for (const a of DEMO_AGENCIES) {
      expect(AGENCY_TYPES).toContain(a.type);
      for (const s of a.services) expect(`${a.key}:${services.has(s)}`).toBe(`${a.key}:true`);
    }
    expect(new Set(DEMO_AGENCIES.map((a) => a.key)).size).toBe(DEMO_AGENCIES.length);
  });

  it('covers the four countries with lead units, protection bodies, reception, health, education, registry and NGOs', () => {
    for (const cc of ['GT', 'HN', 'SV', 'MX']) {
      const types = new Set(DEMO_AGENCIES.filter((a) => a.countryCode === cc).map((a) => a.type));
      for (const t of [
        'national_lead_unit',
        'reception_center',
        'health',
        'education',
        'civil_registry',
        'ngo',
      ])
        expect(`${cc}:${t}:${types.has(t as never)}`).toBe(`${cc}:${t}:true`);
    }
    const external = DEMO_AGENCIES.filter((a) => a.external);
    expect(external.length).toBeGreaterThanOrEqual(1);
    for (const a of external) {
      expect(a.external!.deliveryEndpoint).toBe('http://127.0.0.1:4010/enlace/referrals');
      expect(a.external!.signingSecretRef).toBe(`EXTERNAL_AGENCY_SECRET_${a.countryCode}`);
    }
  });

  it('has a user of every role in GT and HN, at existing agencies of their country, with unique emails', () => {
    const agencies = new Map(DEMO_AGENCIES.map((a) => [a.key, a]));
    for (const cc of ['GT', 'HN'])
      for (const role of ROLES)
        expect(DEMO_USERS.some((u) => u.countryCode === cc && u.role === role)).toBe(true);
    for (const u of DEMO_USERS) expect(agencies.get(u.agencyKey)?.countryCode).toBe(u.countryCode);
    const emails = DEMO_USERS.map(demoEmail);
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('documents a demo password that satisfies the password rules for every demo email', () => {
    for (const u of DEMO_USERS) expect(passwordIssues(DEMO_PASSWORD, demoEmail(u))).toEqual([]);
  });

  it('derives stable, well-formed ids', () => {
    expect(seedId('agency/GT-SBS')).toBe(seedId('agency/GT-SBS'));
    expect(seedId('agency/GT-SBS')).not.toBe(seedId('agency/HN-DINAF'));
    expect(seedId('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('the account the demo offers in its ready line', () => {
  it('is a seeded user, with the seed password', () => {
    expect(DEMO_USERS.map(demoEmail)).toContain(DEMO_ACCOUNT.email);
    expect(DEMO_ACCOUNT.password).toBe(DEMO_PASSWORD);
  });
});
