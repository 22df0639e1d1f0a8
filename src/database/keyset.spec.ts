import { likePattern } from './keyset';

describe('likePattern', () => {
  it('makes % and _ and the escape character literal', () => {
    expect(likePattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
