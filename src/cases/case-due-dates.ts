import { Injectable } from '@nestjs/common';
import { PolicyService } from '../policy/policy.service';
import { explainRule } from '../policy/policy.types';
import { addYears } from './child-age';

export interface Due {
  at: Date;
  explain: string;
}

/** Due dates and age-of-majority dates of a case, each with the policy rule that produced it. */
@Injectable()
export class CaseDueDates {
  constructor(private readonly policy: PolicyService) {}

  initialAssessment(country: string, risk: string, registeredAt: Date): Due {
    return this.policy.due(country, `assessment.initialDue.${risk}`, registeredAt);
  }

  /** The earlier of "after the assessment approval, by risk" and "at most this long after return". */
  casePlan(country: string, risk: string, approvedAt: Date, returnedAt: Date): Due {
    const byRisk = this.policy.due(country, `casePlan.dueAfterAssessment.${risk}`, approvedAt);
    const cap = this.policy.due(country, 'casePlan.maxAfterReturn', returnedAt);
    return byRisk.at <= cap.at ? byRisk : cap;
  }

  /** The day the child reaches the age of majority, when the date of birth is known. */
  ageOfMajorityOn(country: string, dateOfBirth: string | null): string | null {
    if (!dateOfBirth) return null;
    return addYears(dateOfBirth, this.policy.rule<number>(country, 'ageOfMajority.age').value);
  }

  /** Latest date an exceptional extension may run to (policy ageOfMajority.extensionMaxAge). */
  extensionLimit(country: string, dateOfBirth: string): { on: string; maxAge: number } {
    const maxAge = this.policy.rule<number>(country, 'ageOfMajority.extensionMaxAge').value;
    return { on: addYears(dateOfBirth, maxAge), maxAge };
  }

  /**
   * Age-of-majority flag: raised `ageOfMajority.warnBefore` ahead of the date, so the team can
   * plan the transition or ask for the exceptional extension.
   */
  ageOfMajority(country: string, on: string | null, extendedUntil: string | null, now: Date) {
    if (!on) return null;
    const date = new Date(`${on}T00:00:00Z`);
    // warnFrom + warnBefore = date: step back from the date by the same duration.
    const probe = this.policy.due(country, 'ageOfMajority.warnBefore', date);
    const warnFrom = new Date(date.getTime() - (probe.at.getTime() - date.getTime()));
    const end = new Date(`${extendedUntil ?? on}T00:00:00Z`);
    return {
      on,
      warnFrom: warnFrom.toISOString().slice(0, 10),
      extendedUntil,
      flagged: now >= warnFrom && now < new Date(end.getTime() + 86_400_000),
      reached: now >= date,
      explain: `${explainRule(this.policy.rule(country, 'ageOfMajority.age'))}; ${probe.explain}`,
    };
  }
}
