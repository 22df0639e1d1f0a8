import { interpolate, pickLang } from './lang';

describe('pickLang', () => {
  it.each([
    [undefined, 'es'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR, en;q=0.5, es;q=0.8', 'es'],
    ['de', 'es'],
    ['es-HN', 'es'],
    ['en;q=0, es;q=0.1', 'es'],
  ])('%s -> %s', (header, lang) => {
    expect(pickLang(header)).toBe(lang);
  });

  it('interpolates named parameters and leaves unknown ones visible', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
