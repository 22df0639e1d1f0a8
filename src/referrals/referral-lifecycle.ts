/**
 * The referral lifecycle, declared as data: for each status, the events allowed and where they
 * lead. Every transition is recorded in referral_status_change by ReferralTransitions.
 * An external recipient may answer before its acknowledgement is recorded, hence accept/reject
 * from `dispatched`.
 */
export const REFERRAL_STATUSES = [
  'draft',
  'dispatched',
  'delivered',
  'delivery_failed',
  'accepted',
  'rejected',
  'in_progress',
  'completed',
  'cancelled',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export type ReferralEvent =
  | 'dispatch'
  | 'deliver'
  | 'fail_delivery'
  | 'retry_delivery'
  | 'accept'
  | 'reject'
  | 'start'
  | 'complete'
  | 'cancel';

export const REFERRAL_TRANSITIONS: Record<ReferralStatus, Partial<Record<ReferralEvent, ReferralStatus>>> = {
  draft: { dispatch: 'dispatched', cancel: 'cancelled' },
  dispatched: {
    deliver: 'delivered',
    fail_delivery: 'delivery_failed',
    accept: 'accepted',
    reject: 'rejected',
    cancel: 'cancelled',
  },
  delivery_failed: { retry_delivery: 'dispatched', cancel: 'cancelled' },
  delivered: { accept: 'accepted', reject: 'rejected', cancel: 'cancelled' },
  accepted: { start: 'in_progress', complete: 'completed', cancel: 'cancelled' },
  in_progress: { complete: 'completed', cancel: 'cancelled' },
  rejected: {},
  completed: {},
  cancelled: {},
};

/** Where the recipient may read the snapshot. */
export const ACTIVE_STATUSES: ReferralStatus[] = ['delivered', 'accepted', 'in_progress'];
/**
 * Sent and still awaiting the recipient's answer: what the overdue scan and the `overdue` list
 * filter look at. `delivery_failed` counts: the child is still waiting, the deadline set at the
 * first dispatch keeps running (a retry does not reset it), and only the sender can unblock it.
 */
export const UNANSWERED_STATUSES: ReferralStatus[] = ['dispatched', 'delivered', 'delivery_failed'];

/** `<alias>.status IN (...)` for UNANSWERED_STATUSES (constants only, no parameters). */
export function unansweredSql(alias: string): string {
  return `${alias}.status IN (${UNANSWERED_STATUSES.map((s) => `'${s}'`).join(', ')})`;
}
/** The recipient's answers: each one notifies the sender. */
export const RESPONSE_EVENTS: ReferralEvent[] = ['accept', 'reject', 'start', 'complete'];
/** Referrals that may still be amended (a new snapshot version). */
export const AMENDABLE_STATUSES: ReferralStatus[] = [
  'draft',
  'dispatched',
  'delivered',
  'accepted',
  'in_progress',
];

export function nextStatus(from: ReferralStatus, event: ReferralEvent): ReferralStatus | undefined {
  return REFERRAL_TRANSITIONS[from]?.[event];
}
