import { nextStatus, REFERRAL_STATUSES, REFERRAL_TRANSITIONS } from './referral-lifecycle';

describe('referral lifecycle', () => {
  it('follows draft → dispatched → delivered → accepted → in progress → completed', () => {
    expect(nextStatus('draft', 'dispatch')).toBe('dispatched');
    expect(nextStatus('dispatched', 'deliver')).toBe('delivered');
    expect(nextStatus('delivered', 'accept')).toBe('accepted');
    expect(nextStatus('accepted', 'start')).toBe('in_progress');
    expect(nextStatus('in_progress', 'complete')).toBe('completed');
  });

  it('lets a failed delivery be retried or cancelled, and nothing else', () => {
    expect(nextStatus('delivery_failed', 'retry_delivery')).toBe('dispatched');
    expect(nextStatus('delivery_failed', 'cancel')).toBe('cancelled');
    expect(nextStatus('delivery_failed', 'accept')).toBeUndefined();
  });

  it('ends in rejected, completed and cancelled', () => {
    for (const s of ['rejected', 'completed', 'cancelled'] as const)
      expect(Object.keys(REFERRAL_TRANSITIONS[s])).toEqual([]);
  });

  it('refuses to answer a draft or to complete before accepting', () => {
    expect(nextStatus('draft', 'accept')).toBeUndefined();
    expect(nextStatus('delivered', 'complete')).toBeUndefined();
  });

  it('only leads to declared statuses', () => {
    for (const edges of Object.values(REFERRAL_TRANSITIONS))
      for (const to of Object.values(edges)) expect(REFERRAL_STATUSES).toContain(to);
  });
});
