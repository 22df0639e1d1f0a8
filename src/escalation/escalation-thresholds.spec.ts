import type { Env } from '../config/env';
import { PolicyService } from '../policy/policy.service';
import { levelsDue } from './escalation-thresholds';

const policy = new PolicyService({ configDir: 'config' } as Env);
const due = new Date('2026-11-02T10:00:00Z');
const at = (days: number) => new Date(due.getTime() + days * 86_400_000);

describe('levelsDue (default policy: caseworker 1d, supervisor 3d, lead unit 7d)', () => {
  it('fires nothing inside the grace period', () => {
    expect(levelsDue(policy, 'GT', due, 0, at(0.99))).toEqual([]);
  });

  it('fires the caseworker level at due + 1 day, exactly at the threshold', () => {
    expect(levelsDue(policy, 'GT', due, 0, at(1))).toEqual([{ level: 'caseworker', rank: 1, at: at(1) }]);
  });

  it('fires every passed level at once when the scan is late', () => {
    expect(levelsDue(policy, 'HN', due, 0, at(8)).map((l) => l.level)).toEqual([
      'caseworker',
      'supervisor',
      'lead_unit',
    ]);
  });

  it('skips levels that already fired', () => {
    expect(levelsDue(policy, 'GT', due, 1, at(3)).map((l) => l.level)).toEqual(['supervisor']);
    expect(levelsDue(policy, 'GT', due, 3, at(30))).toEqual([]);
  });
});
