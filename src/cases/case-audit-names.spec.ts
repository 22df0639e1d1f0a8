import { BID_REVIEW_AUDIT, CLOSURE_DECISION_AUDIT, reviewAudit } from './case-audit-names';

describe('case audit names read from a body', () => {
  it('name a known decision like the service records it', () => {
    expect(CLOSURE_DECISION_AUDIT({ decision: 'approve' })).toBe('case.closure.approved');
    expect(CLOSURE_DECISION_AUDIT({ decision: 'reject' })).toBe('case.closure.rejected');
    expect(reviewAudit('casePlan')({ decision: 'return' })).toBe('casePlan.returned');
    expect(BID_REVIEW_AUDIT({ outcome: 'reopen' })).toBe('bid.review.reopen');
  });

  it('say nothing for a missing, unknown or inherited value', () => {
    expect(CLOSURE_DECISION_AUDIT({})).toBeUndefined();
    expect(CLOSURE_DECISION_AUDIT({ decision: 'maybe' })).toBeUndefined();
    expect(CLOSURE_DECISION_AUDIT({ decision: 'constructor' })).toBeUndefined();
    expect(reviewAudit('assessment')({ decision: ['approve'] })).toBeUndefined();
  });
});
