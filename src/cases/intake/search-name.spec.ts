import { searchName } from './search-name';

describe('searchName', () => {
  it('ignores accents, case, punctuation and word order', () => {
    expect(searchName('José María', 'Pérez-López')).toBe('jose lopez maria perez');
    expect(searchName('maria jose', 'LOPEZ PEREZ')).toBe('jose lopez maria perez');
  });

  it('folds ñ to n, since records are often typed without it', () => {
    expect(searchName('Iñaki', 'Muñoz')).toBe(searchName('Inaki', 'Munoz'));
  });
});
