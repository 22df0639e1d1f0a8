import { addYears, ageBand, ageOn, searchName } from './search-name';

describe('searchName', () => {
  it('ignores accents, case, punctuation and word order', () => {
    expect(searchName('José María', 'Pérez-López')).toBe('jose lopez maria perez');
    expect(searchName('maria jose', 'LOPEZ PEREZ')).toBe('jose lopez maria perez');
  });

  it('folds ñ to n, since records are often typed without it', () => {
    expect(searchName('Iñaki', 'Muñoz')).toBe(searchName('Inaki', 'Munoz'));
  });
});

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
