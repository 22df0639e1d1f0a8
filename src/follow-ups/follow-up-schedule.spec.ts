import type { Env } from '../config/env';
import { PolicyService } from '../policy/policy.service';
import { monitoringEnd, planCheckpoints, planInterval, planPostClosure } from './follow-up-schedule';

const policy = new PolicyService({ configDir: 'config' } as Env);
const from = new Date('2026-11-02T15:00:00Z');
const plusDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

describe('follow-up schedule', () => {
  it.each([
    ['high', 7, 'home_visit'],
    ['medium', 14, 'home_visit'],
    ['low', 30, 'phone'],
  ])('default interval for %s risk is %i days', (risk, days, type) => {
    const p = planInterval(policy, { countryCode: 'HN', riskLevel: risk }, from, 'registration');
    expect(p).toEqual({
      type,
      kind: 'interval',
      dueAt: plusDays(from, days),
      explain: `config/policy/default.yaml#followUp.interval.${risk} = ${days}d after 2026-11-02 registration`,
    });
  });

  it("uses the country's override and names its file (GT high risk: 5 days)", () => {
    const p = planInterval(policy, { countryCode: 'GT', riskLevel: 'high' }, from, 'follow-up completion');
    expect(p.dueAt).toEqual(plusDays(from, 5));
    expect(p.explain).toBe(
      'config/policy/countries/GT.yaml#followUp.interval.high = 5d after 2026-11-02 follow-up completion',
    );
    // Keys GT does not override still come from the default file.
    expect(
      planInterval(policy, { countryCode: 'GT', riskLevel: 'low' }, from, 'registration').explain,
    ).toMatch(/^config\/policy\/default\.yaml#followUp\.interval\.low = 30d/);
  });

  it('plans post-return checkpoints at 1, 3, 6 and 12 calendar months after return', () => {
    const returnedAt = new Date('2026-01-31T12:00:00Z');
    const ps = planCheckpoints(policy, { countryCode: 'SV', returnedAt }, returnedAt);
    expect(ps.map((p) => p.dueAt.toISOString())).toEqual([
      '2026-03-03T12:00:00.000Z',
      '2026-05-01T12:00:00.000Z',
      '2026-07-31T12:00:00.000Z',
      '2027-01-31T12:00:00.000Z',
    ]);
    expect(ps.every((p) => p.kind === 'checkpoint')).toBe(true);
    expect(ps[2].explain).toBe(
      'config/policy/default.yaml#followUp.postReturnCheckpoints[2] = 6mo after 2026-01-31 return',
    );
  });

  it('skips checkpoints that were already due when the case was registered', () => {
    const returnedAt = new Date('2026-01-10T00:00:00Z');
    const ps = planCheckpoints(policy, { countryCode: 'SV', returnedAt }, new Date('2026-03-01T00:00:00Z'));
    expect(ps.map((p) => p.explain.match(/\[(\d)\]/)![1])).toEqual(['1', '2', '3']);
  });

  it('plans post-closure follow-ups at 3 and 6 months after closure', () => {
    const closedAt = new Date('2026-06-15T00:00:00Z');
    const ps = planPostClosure(policy, { countryCode: 'MX' }, closedAt);
    expect(ps.map((p) => [p.kind, p.dueAt.toISOString().slice(0, 10)])).toEqual([
      ['post_closure', '2026-09-15'],
      ['post_closure', '2026-12-15'],
    ]);
    expect(ps[1].explain).toBe(
      'config/policy/default.yaml#followUp.postClosure[1] = 6mo after 2026-06-15 closure',
    );
  });

  it('ends the monitoring period at the later of the last checkpoint and the last post-closure follow-up', () => {
    const c = { countryCode: 'GT', returnedAt: new Date('2026-01-01T00:00:00Z') };
    expect(monitoringEnd(policy, c, new Date('2026-02-01T00:00:00Z')).toISOString()).toBe(
      '2027-01-01T00:00:00.000Z',
    );
    expect(monitoringEnd(policy, c, new Date('2026-10-01T00:00:00Z')).toISOString()).toBe(
      '2027-04-01T00:00:00.000Z',
    );
  });
});
