import { QueryFailedError } from 'typeorm';
import { CommonErrors } from './common.errors';
import { renderProblem, toAppError } from './problem.filter';

const pgError = (code: string) =>
  new QueryFailedError('SELECT $1', ['x'], Object.assign(new Error('rejected'), { code }));

describe('toAppError: PostgreSQL errors', () => {
  it.each([
    ['22021', 'invalid byte sequence (a NUL in text)'],
    ['22P05', 'untranslatable character (a NUL in jsonb)'],
    ['22003', 'numeric value out of range'],
  ])('maps SQLSTATE %s (%s) to a 400, as the last line behind the validation pipe', (code) => {
    const e = toAppError(pgError(code), {});
    expect(e.status).toBe(400);
    expect(e.code).toBe('UNSTORABLE_VALUE');
  });

  it('answers 503 DATABASE_UNAVAILABLE when no pooled connection frees up in time', () => {
    for (const message of [
      'timeout exceeded when trying to connect',
      'Connection terminated due to connection timeout',
    ]) {
      const e = toAppError(new Error(message), {});
      expect([e.status, e.code, e.params.retryAfterSeconds]).toEqual([503, 'DATABASE_UNAVAILABLE', 5]);
    }
  });

  it('keeps any other database error a 500', () => {
    expect(toAppError(pgError('42P01'), {}).status).toBe(500);
    expect(toAppError(new Error('boom'), {}).status).toBe(500);
  });
});

describe('toAppError: database unavailable', () => {
  const netError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });
  it('answers 503 DATABASE_UNAVAILABLE, Retry-After 5 s for an outage and 1 s for a lost race', () => {
    const outage = toAppError(pgError('57P01'), {});
    expect([outage.status, outage.code, outage.params.retryAfterSeconds]).toEqual([
      503,
      'DATABASE_UNAVAILABLE',
      5,
    ]);
    const refused = toAppError(netError('ECONNREFUSED'), {});
    expect([refused.status, refused.code]).toEqual([503, 'DATABASE_UNAVAILABLE']);
    const deadlock = toAppError(pgError('40P01'), {});
    expect([deadlock.status, deadlock.code, deadlock.params.retryAfterSeconds]).toEqual([
      503,
      'DATABASE_UNAVAILABLE',
      1,
    ]);
  });
});

describe('renderProblem', () => {
  it("adds a coded error's extension members to the body", () => {
    const body = renderProblem(CommonErrors.CONFLICT({}, [], { candidates: [1, 2] }), 'en', '/x', 'r1');
    expect(body).toMatchObject({ status: 409, code: 'CONFLICT', instance: '/x', candidates: [1, 2] });
  });
});
