import { addDuration } from '../policy/duration';
import type { PolicyService } from '../policy/policy.service';
import type { RiskLevel } from '../policy/policy.types';
import { explainRule } from '../policy/policy.types';
import type { FollowUpKind, FollowUpType } from './follow-up.entity';

/** A follow-up the policy asks for, before it has an owner. */
export interface PlannedFollowUp {
  type: FollowUpType;
  kind: FollowUpKind;
  dueAt: Date;
  explain: string;
}

/** What started the clock of a due date, as it reads in the explain string. */
export type ScheduleReason =
  | 'registration'
  | 'follow-up completion'
  | 'missed follow-up'
  | 'reopening'
  | `risk change from ${string} to ${string}`;

const day = (d: Date): string => d.toISOString().slice(0, 10);

/** Contact types: home visits while the risk is high or medium and at checkpoints; phone otherwise. */
const intervalType = (risk: string): FollowUpType => (risk === 'low' ? 'phone' : 'home_visit');

/**
 * The next interval follow-up while the case is active: followUp.interval.<risk> after `from`.
 * "config/policy/countries/GT.yaml#followUp.interval.high = 5d after 2026-11-02 follow-up completion"
 */
export function planInterval(
  policy: PolicyService,
  c: { countryCode: string; riskLevel: string },
  from: Date,
  reason: ScheduleReason,
): PlannedFollowUp {
  const { at, explain } = policy.due(c.countryCode, `followUp.interval.${c.riskLevel as RiskLevel}`, from);
  return {
    type: intervalType(c.riskLevel),
    kind: 'interval',
    dueAt: at,
    explain: `${explain} after ${day(from)} ${reason}`,
  };
}

/** One follow-up per element of a list-valued rule (followUp.postReturnCheckpoints, followUp.postClosure). */
function planList(
  policy: PolicyService,
  country: string,
  key: 'followUp.postReturnCheckpoints' | 'followUp.postClosure',
  from: Date,
  fromLabel: string,
  make: { type: FollowUpType; kind: FollowUpKind },
): PlannedFollowUp[] {
  const rule = policy.rule<string[]>(country, key);
  return rule.value.map((offset, i) => ({
    ...make,
    dueAt: addDuration(from, offset),
    explain: `${explainRule({ value: offset, source: { file: rule.source.file, key: `${key}[${i}]` } })} after ${day(from)} ${fromLabel}`,
  }));
}

/**
 * Post-return checkpoints (1, 3, 6, 12 months after the return by default). Checkpoints that
 * fell due before `notBefore` (the case was registered late) are not scheduled: they can no
 * longer take place and would only show up as overdue.
 */
export function planCheckpoints(
  policy: PolicyService,
  c: { countryCode: string; returnedAt: Date },
  notBefore: Date,
): PlannedFollowUp[] {
  return planList(policy, c.countryCode, 'followUp.postReturnCheckpoints', c.returnedAt, 'return', {
    type: 'home_visit',
    kind: 'checkpoint',
  }).filter((p) => p.dueAt.getTime() >= notBefore.getTime());
}

/** Light follow-up after closure (3 and 6 months by default). */
export function planPostClosure(
  policy: PolicyService,
  c: { countryCode: string },
  closedAt: Date,
): PlannedFollowUp[] {
  return planList(policy, c.countryCode, 'followUp.postClosure', closedAt, 'closure', {
    type: 'phone',
    kind: 'post_closure',
  });
}

/** End of the monitoring period: the last post-return checkpoint or the last post-closure follow-up. */
export function monitoringEnd(
  policy: PolicyService,
  c: { countryCode: string; returnedAt: Date },
  closedAt: Date,
): Date {
  const last = (key: string, from: Date) =>
    policy.rule<string[]>(c.countryCode, key).value.reduce((max, o) => {
      const d = addDuration(from, o);
      return d > max ? d : max;
    }, from);
  const a = last('followUp.postReturnCheckpoints', c.returnedAt);
  const b = last('followUp.postClosure', closedAt);
  return a > b ? a : b;
}
