import { join } from 'node:path';
import { loadVocabularies } from '../../vocabularies/vocabulary-catalog';
import { REINTEGRATION_DIMENSIONS, type PlanGoal } from './case-plan.entity';
import { goalsOfCategory, PLAN_GOAL_CATEGORY } from './plan-goal-categories';

const goal = (dimension: string): PlanGoal => ({ dimension, goal: `g-${dimension}`, actions: [] });

describe('plan goal categories', () => {
  const vocabulary = loadVocabularies(join(__dirname, '../../../config')).terms.get('data-categories')!;
  const classOf = (code: string) => vocabulary.find((c) => c.code === code)?.class;

  it('keeps psychosocial and safety goals out of the operational case plan', () => {
    const goals = REINTEGRATION_DIMENSIONS.map(goal);
    expect(goalsOfCategory(goals, 'case_plan').map((g) => g.dimension)).toEqual([
      'economic_education',
      'social',
    ]);
    expect(goalsOfCategory(goals, 'psychosocial').map((g) => g.dimension)).toEqual(['psychosocial']);
    expect(goalsOfCategory(goals, 'protection_concerns').map((g) => g.dimension)).toEqual(['safety_family']);
  });

  it('files psychosocial goals under a sensitive category of the vocabulary, every dimension under a known one', () => {
    expect(classOf(PLAN_GOAL_CATEGORY.psychosocial)).toBe('sensitive');
    for (const d of REINTEGRATION_DIMENSIONS) expect(classOf(PLAN_GOAL_CATEGORY[d])).toBeDefined();
  });

  it('puts a goal of an unknown dimension in no category', () => {
    for (const c of ['case_plan', 'psychosocial', 'protection_concerns'])
      expect(goalsOfCategory([goal('constructor')], c)).toEqual([]);
  });
});
