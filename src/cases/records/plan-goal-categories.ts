import type { PlanGoal, REINTEGRATION_DIMENSIONS } from './case-plan.entity';

/**
 * The data category (config/vocabularies/data-categories.yaml) that a plan goal belongs to, by
 * its dimension: a psychosocial goal says as much as a psychosocial note, so it is sensitive and
 * travels only under `psychosocial`; safety and family goals speak of threats and violence, so
 * they travel only under `protection_concerns`; the others are operational plan content
 * (`case_plan`). A referral snapshot carries a goal only when its category is shared.
 */
export const PLAN_GOAL_CATEGORY: Readonly<Record<(typeof REINTEGRATION_DIMENSIONS)[number], string>> = {
  economic_education: 'case_plan',
  social: 'case_plan',
  psychosocial: 'psychosocial',
  safety_family: 'protection_concerns',
};

/** The goals that belong to a category; a goal of an unknown dimension belongs to none. */
export function goalsOfCategory(goals: PlanGoal[], category: string): PlanGoal[] {
  const of = new Map(Object.entries(PLAN_GOAL_CATEGORY));
  return goals.filter((g) => of.get(g.dimension) === category);
}
