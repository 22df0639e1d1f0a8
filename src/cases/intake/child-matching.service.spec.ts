import { similarityBand } from './child-matching.service';

describe('similarityBand', () => {
  it('gives three coarse bands and never the score', () => {
    expect([1, 0.85, 0.849, 0.65, 0.649, 0.315].map(similarityBand)).toEqual([
      'high',
      'high',
      'medium',
      'medium',
      'low',
      'low',
    ]);
  });
});
