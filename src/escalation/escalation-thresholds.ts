import { addDuration } from '../policy/duration';
import type { PolicyService } from '../policy/policy.service';
import { ESCALATION_LEVELS } from './escalation.entity';

type Level = (typeof ESCALATION_LEVELS)[number];

/** The policy key holding each level's grace after the due date. */
export const LEVEL_KEYS: Record<Level, string> = {
  caseworker: 'escalation.caseworker',
  supervisor: 'escalation.supervisor',
  lead_unit: 'escalation.leadUnit',
};

export interface DueLevel {
  level: Level;
  /** As stored in the items' escalation_level: 1 caseworker, 2 supervisor, 3 lead unit. */
  rank: number;
  /** The threshold instant: due + the level's grace. */
  at: Date;
}

/**
 * The levels of an item due at `dueAt` in `country` whose threshold (due + the level's grace
 * from the country's policy) has passed at `asOf` and that have not fired yet (rank > fired).
 */
export function levelsDue(
  policy: PolicyService,
  country: string,
  dueAt: Date,
  fired: number,
  asOf: Date,
): DueLevel[] {
  return ESCALATION_LEVELS.map((level, i) => ({
    level,
    rank: i + 1,
    at: addDuration(dueAt, policy.rule<string>(country, LEVEL_KEYS[level]).value),
  })).filter((l) => l.rank > fired && l.at.getTime() <= asOf.getTime());
}
