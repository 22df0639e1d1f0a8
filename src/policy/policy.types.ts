export type RiskLevel = 'high' | 'medium' | 'low';
export type Urgency = 'emergency' | 'priority' | 'routine';
export type ByRisk = Record<RiskLevel, string>;

/** The shape of config/policy/default.yaml (every key required there). */
export interface Policy {
  assessment: { initialDue: ByRisk };
  casePlan: { dueAfterAssessment: ByRisk; maxAfterReturn: string };
  followUp: {
    interval: ByRisk;
    postReturnCheckpoints: string[];
    postClosure: string[];
    lostContactAfterMissed: number;
  };
  caseReview: { every: string };
  referral: { responseDeadline: Record<Urgency, string> };
  escalation: { caseworker: string; supervisor: string; leadUnit: string };
  ageOfMajority: { age: number; extensionMaxAge: number; warnBefore: string };
  aggregates: { smallCellThreshold: number };
  retention: { anonymizeAfterClosure: string };
}

/** Where a rule's value came from: `config/policy/countries/GT.yaml` at `followUp.interval.high`. */
export interface RuleSource {
  file: string;
  key: string;
}

export interface Rule<T> {
  value: T;
  source: RuleSource;
}

/** Human-readable provenance for an `explain` field: "config/policy/countries/GT.yaml#followUp.interval.high = 5d". */
export function explainRule(rule: Rule<unknown>): string {
  return `${rule.source.file}#${rule.source.key} = ${JSON.stringify(rule.value).replace(/^"|"$/g, '')}`;
}
