/**
 * Audit action names of case routes whose permission covers several operations, for the route
 * guard's refusals (`@Authorize(..., audit)`): the same names the services record when allowed.
 */

/** `<prefix>.<verb>` for a known value of `field` in a not yet validated body; undefined otherwise. */
function byBody(prefix: string, field: string, verbs: Record<string, string>) {
  return (body: object): string | undefined => {
    const value = (body as Record<string, unknown>)[field];
    return typeof value === 'string' && Object.hasOwn(verbs, value) ? `${prefix}.${verbs[value]}` : undefined;
  };
}

/** `case.closure.approved` / `case.closure.rejected`. */
export const CLOSURE_DECISION_AUDIT = byBody('case.closure', 'decision', {
  approve: 'approved',
  reject: 'rejected',
});

/** `assessment.approved` / `casePlan.returned`… */
export const reviewAudit = (record: 'assessment' | 'casePlan') =>
  byBody(record, 'decision', { approve: 'approved', return: 'returned' });

/** `bid.review.confirm` / `bid.review.reopen`. */
export const BID_REVIEW_AUDIT = byBody('bid.review', 'outcome', { confirm: 'confirm', reopen: 'reopen' });
