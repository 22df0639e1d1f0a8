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

describe('renderProblem', () => {
  it("adds a coded error's extension members to the body", () => {
    const body = renderProblem(CommonErrors.CONFLICT({}, [], { candidates: [1, 2] }), 'en', '/x', 'r1');
    expect(body).toMatchObject({ status: 409, code: 'CONFLICT', instance: '/x', candidates: [1, 2] });
  });
});
