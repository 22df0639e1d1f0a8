import { decodeCursor, decodeTimeCursor, encodeCursor } from './keyset';

const id = '0b6f1f4e-9a51-4c1e-8d7e-3f2a1c5b7e90';

describe('keyset cursor', () => {
  it('round-trips a text key and a timestamp key', () => {
    expect(decodeCursor(encodeCursor('ana@example.org', id))).toEqual({ key: 'ana@example.org', id });
    const at = new Date('2026-03-01T10:00:00.123Z');
    expect(decodeTimeCursor(encodeCursor(at, id))).toEqual({ at, id });
  });

  it('is undefined when malformed, so each caller decides between a 400 and the first page', () => {
    expect(decodeCursor('garbage')).toBeUndefined();
    expect(decodeCursor(encodeCursor('k', 'not-a-uuid'))).toBeUndefined();
    expect(decodeTimeCursor(encodeCursor('not a date', id))).toBeUndefined();
  });
});
