import { asSubject, newAbilityBuilder } from './ability';

describe('ability conditions', () => {
  const b = newAbilityBuilder();
  b.can('read', 'Item', { score: { $lt: 5 } });
  b.can('read', 'Dated', { at: { $lte: new Date('2026-01-01T00:00:00Z') } });
  b.can('read', 'Ranked', { score: { $gte: 3 } });
  const ability = b.build();

  it('never matches a missing value with an ordering operator (as SQL does)', () => {
    expect(ability.can('read', asSubject('Item', { score: 4 }))).toBe(true);
    expect(ability.can('read', asSubject('Item', { score: null }))).toBe(false);
    expect(ability.can('read', asSubject('Item', {}))).toBe(false);
    expect(ability.can('read', asSubject('Ranked', { score: null }))).toBe(false);
  });

  it('compares dates by instant, not by object identity', () => {
    expect(ability.can('read', asSubject('Dated', { at: new Date('2026-01-01T00:00:00Z') }))).toBe(true);
    expect(ability.can('read', asSubject('Dated', { at: new Date('2026-01-01T00:00:01Z') }))).toBe(false);
  });
});
