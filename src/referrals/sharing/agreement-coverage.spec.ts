import { coveringAgreement, inForce, isParty } from './agreement-coverage';

const at = new Date('2026-06-01T00:00:00Z');
const gt = { id: 'gt-agency', countryCode: 'GT' };
const mx = { id: 'mx-agency', countryCode: 'MX' };
const base = {
  partyAgencyIds: [] as string[],
  partyCountryCodes: ['GT', 'MX'],
  involvedCountries: ['GT', 'MX'],
  approvals: ['GT', 'MX'].map((countryCode) => ({
    countryCode,
    approvedBy: 'admin',
    approvedAt: '2026-01-01',
  })),
  status: 'active' as const,
  validFrom: new Date('2026-01-01T00:00:00Z'),
  validUntil: null as Date | null,
  purposes: ['health_care'],
};

describe('agreement coverage', () => {
  it('treats a party country as covering each of its agencies', () => {
    expect(isParty(base, gt)).toBe(true);
    expect(isParty({ ...base, partyCountryCodes: [], partyAgencyIds: ['mx-agency'] }, mx)).toBe(true);
    expect(isParty({ ...base, partyCountryCodes: ['HN'] }, gt)).toBe(false);
  });

  it('is in force only when active and within its dates', () => {
    expect(inForce(base, at)).toBe(true);
    expect(inForce({ ...base, status: 'suspended' as never }, at)).toBe(false);
    expect(inForce({ ...base, validFrom: new Date('2026-07-01') }, at)).toBe(false);
    expect(inForce({ ...base, validUntil: at }, at)).toBe(false);
  });

  it('covers nothing until every involved country has approved it', () => {
    const gtOnly = { ...base, approvals: base.approvals.slice(0, 1) };
    expect(inForce({ ...gtOnly, status: 'pending_approval' as const }, at)).toBe(false);
    // Even a row marked active (written by hand, or before approvals existed) needs them all.
    expect(inForce(gtOnly, at)).toBe(false);
    expect(coveringAgreement([gtOnly], gt, mx, 'health_care', at)).toEqual({ refusal: 'NO_AGREEMENT' });
  });

  it('finds the covering agreement', () => {
    const r = coveringAgreement([base], gt, mx, 'health_care', at);
    expect(r).toEqual({ agreement: base });
  });

  it('names why there is none', () => {
    expect(coveringAgreement([], gt, mx, 'health_care', at)).toEqual({ refusal: 'NO_AGREEMENT' });
    expect(coveringAgreement([{ ...base, partyCountryCodes: ['GT'] }], gt, mx, 'health_care', at)).toEqual({
      refusal: 'NO_AGREEMENT',
    });
    expect(
      coveringAgreement([{ ...base, validUntil: new Date('2026-05-01') }], gt, mx, 'health_care', at),
    ).toEqual({ refusal: 'AGREEMENT_EXPIRED' });
    expect(coveringAgreement([base], gt, mx, 'education', at)).toEqual({
      refusal: 'AGREEMENT_DOES_NOT_COVER_PURPOSE',
    });
  });

  it('prefers the most recent agreement in force', () => {
    const newer = { ...base, validFrom: new Date('2026-03-01T00:00:00Z') };
    const r = coveringAgreement([base, newer], gt, mx, 'health_care', at);
    expect(r).toEqual({ agreement: newer });
  });
});
