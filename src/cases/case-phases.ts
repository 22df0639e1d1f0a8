import type { CasePhase } from './case-file.entity';

/**
 * The case-management phases and the moves allowed between them, as data. `closed` is reached
 * only through an approved closure and left only by reopening (see case-closure.service.ts).
 */
export const PHASE_TRANSITIONS: Record<CasePhase, CasePhase[]> = {
  registration: ['assessment'],
  assessment: ['case_plan'],
  case_plan: ['implementation', 'assessment'],
  implementation: ['follow_up', 'case_plan', 'assessment'],
  follow_up: ['implementation', 'case_plan', 'assessment'],
  closed: [],
};

/** The phase a reopened case goes back to: the situation must be assessed again. */
export const REOPEN_PHASE: CasePhase = 'assessment';

export function canMove(from: string, to: string): boolean {
  return (PHASE_TRANSITIONS as Record<string, string[]>)[from]?.includes(to) ?? false;
}

/** Moves that happen on their own when a step is approved, if the case is still behind that step. */
export const AUTO_ADVANCE: Record<
  'assessment_approved' | 'plan_approved',
  { from: CasePhase[]; to: CasePhase }
> = {
  assessment_approved: { from: ['registration', 'assessment'], to: 'case_plan' },
  plan_approved: { from: ['registration', 'assessment', 'case_plan'], to: 'implementation' },
};
