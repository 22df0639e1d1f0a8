import { AppError } from '../errors/app-error';
import { defineCursor } from './cursor';
import { pageOf } from './page';

const id = '0b6f1f4e-9a51-4c1e-8d7e-3f2a1c5b7e90';
const cases = defineCursor('cases', ['instant', 'uuid']);
const users = defineCursor('admin.users', ['text', 'uuid']);

function refusal(cursor: unknown): unknown {
  try {
    cases.decode(cursor);
  } catch (e) {
    const err = e as AppError;
    return { status: err.status, code: err.code, issues: err.issues.map((i) => [i.field, i.code]) };
  }
  return 'accepted';
}

describe('the paging cursor', () => {
  it('round-trips each kind of key, an instant to the microsecond', () => {
    const at = new Date('2026-03-01T10:00:00.123Z');
    expect(cases.decode(cases.encode(at, id))).toEqual([at.toISOString(), id]);
    expect(cases.decode(cases.encode('2026-03-01T10:00:00.123456Z', id))).toEqual([
      '2026-03-01T10:00:00.123456Z',
      id,
    ]);
    expect(users.decode(users.encode('ana@example.org', id))).toEqual(['ana@example.org', id]);
    expect(
      defineCursor('log', ['int']).decode(defineCursor('log', ['int']).encode('9007199254740993')),
    ).toEqual(['9007199254740993']);
  });

  it('is no cursor when absent or empty (the first page)', () => {
    expect(cases.decode(undefined)).toBeUndefined();
    expect(cases.decode('')).toBeUndefined();
  });

  it.each([
    ['garbage', 'garbage'],
    ['not base64url', 'a b+c'],
    ['base64 of no JSON', Buffer.from('{').toString('base64url')],
    ['another list', users.encode('ana@example.org', id)],
    ['the right list, a key that is no instant', cases.encode('yesterday', id)],
    ['a date that does not exist', cases.encode('2026-02-31T00:00:00.000Z', id)],
    ['an id that is no UUID', cases.encode(new Date(), 'x')],
    [
      'a key too many',
      Buffer.from(JSON.stringify(['cases', '2026-03-01T10:00:00.000Z', id, 'x'])).toString('base64url'),
    ],
    ['two cursors', ['a', 'b']],
    ['far too long', 'A'.repeat(5000)],
  ])('refuses %s with the one invalidCursor error', (_what, cursor) => {
    expect(refusal(cursor)).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      issues: [['cursor', 'invalidCursor']],
    });
  });
});

describe('pageOf', () => {
  it('takes the next cursor from the last item when there is one more row', () => {
    expect(pageOf([1, 2, 3], 2, (n) => `after-${n}`)).toEqual({ items: [1, 2], nextCursor: 'after-2' });
    expect(pageOf([1, 2], 2, (n) => `after-${n}`)).toEqual({ items: [1, 2], nextCursor: null });
    expect(pageOf([], 2, (n) => `after-${n}`)).toEqual({ items: [], nextCursor: null });
  });
});
