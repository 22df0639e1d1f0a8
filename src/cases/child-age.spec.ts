import { addYears, ageBand, ageOn } from './child-age';

describe('ages', () => {
  it('counts whole years and bands them', () => {
    expect(ageOn('2010-06-15', new Date('2026-06-14T12:00:00Z'))).toBe(15);
    expect(ageOn('2010-06-15', new Date('2026-06-15T00:00:00Z'))).toBe(16);
    expect(ageBand('2010-06-15', new Date('2026-06-15T00:00:00Z'))).toBe('15-17');
    expect(ageBand(null, new Date())).toBeNull();
  });

  it('adds years to a date', () => {
    expect(addYears('2008-02-29', 18)).toBe('2026-03-01');
    expect(addYears('2008-05-10', 18)).toBe('2026-05-10');
  });
});
