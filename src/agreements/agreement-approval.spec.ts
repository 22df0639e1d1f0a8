import { pendingCountries, requestedStatus, settledStatus, widens } from './agreement-approval';

const approval = (countryCode: string) => ({ countryCode, approvedBy: 'admin', approvedAt: '2026-01-01' });
const gtHnMx = { involvedCountries: ['GT', 'HN', 'MX'], approvals: [approval('GT')] };
const terms = {
  purposes: ['health_care'],
  dataCategories: ['identification', 'case_summary'],
  validUntil: new Date('2027-01-01T00:00:00Z') as Date | null,
  status: 'active' as const,
};

describe('agreement approval', () => {
  it('names the involved countries that have not approved', () => {
    expect(pendingCountries(gtHnMx)).toEqual(['HN', 'MX']);
    expect(pendingCountries({ ...gtHnMx, approvals: ['MX', 'GT', 'HN'].map(approval) })).toEqual([]);
  });

  it('keeps an agreement asked to be active pending until every involved country approved', () => {
    expect(settledStatus('active', gtHnMx)).toBe('pending_approval');
    expect(settledStatus('active', { ...gtHnMx, approvals: ['GT', 'HN', 'MX'].map(approval) })).toBe(
      'active',
    );
    expect(settledStatus('active', { involvedCountries: ['GT'], approvals: [approval('GT')] })).toBe(
      'active',
    );
    expect(settledStatus('suspended', gtHnMx)).toBe('suspended');
    expect(settledStatus('draft', gtHnMx)).toBe('draft');
    expect(requestedStatus('pending_approval')).toBe('active');
    expect(requestedStatus('suspended')).toBe('suspended');
  });

  it('treats more purposes, categories, a later end or a return to active as widening', () => {
    expect(widens(terms, { ...terms, purposes: ['health_care', 'education'] })).toBe(true);
    expect(widens(terms, { ...terms, dataCategories: [...terms.dataCategories, 'health'] })).toBe(true);
    expect(widens(terms, { ...terms, validUntil: new Date('2028-01-01T00:00:00Z') })).toBe(true);
    expect(widens(terms, { ...terms, validUntil: null })).toBe(true);
    expect(widens({ ...terms, status: 'suspended' }, terms)).toBe(true);
    expect(widens({ ...terms, status: 'draft' }, terms)).toBe(true);
  });

  it('treats narrowing and suspending as not widening', () => {
    expect(widens(terms, terms)).toBe(false);
    expect(widens(terms, { ...terms, purposes: [], dataCategories: ['identification'] })).toBe(false);
    expect(widens(terms, { ...terms, validUntil: new Date('2026-06-01T00:00:00Z') })).toBe(false);
    expect(widens({ ...terms, validUntil: null }, { ...terms, validUntil: new Date('2026-06-01') })).toBe(
      false,
    );
    expect(widens(terms, { ...terms, status: 'suspended' })).toBe(false);
    expect(widens(terms, { ...terms, status: 'terminated' })).toBe(false);
  });
});
