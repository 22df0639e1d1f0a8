import { CASE_PHASES } from './case-file.entity';
import { canMove, PHASE_TRANSITIONS } from './case-phases';

describe('case phases', () => {
  it('declares every phase, and only known phases as targets', () => {
    expect(Object.keys(PHASE_TRANSITIONS).sort()).toEqual([...CASE_PHASES].sort());
    for (const targets of Object.values(PHASE_TRANSITIONS))
      for (const t of targets) expect(CASE_PHASES).toContain(t);
  });

  it('follows the model forward and never reaches closed by a plain move', () => {
    expect(canMove('registration', 'assessment')).toBe(true);
    expect(canMove('registration', 'implementation')).toBe(false);
    expect(canMove('follow_up', 'closed')).toBe(false);
    expect(canMove('closed', 'assessment')).toBe(false);
    expect(canMove('nonsense', 'assessment')).toBe(false);
  });
});
