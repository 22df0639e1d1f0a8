import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { databaseFailure, retryTransient } from './database-errors';

const pgError = (code: string, message = 'rejected') =>
  new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), { code }));
const netError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });

describe('databaseFailure', () => {
  it.each([
    ['connection refused', netError('ECONNREFUSED')],
    ['connection reset', netError('ECONNRESET')],
    ['name not resolved', netError('EAI_AGAIN')],
    ['server shutting down (57P01) inside a QueryFailedError', pgError('57P01')],
    ['crash shutdown (57P02)', pgError('57P02')],
    ['starting up (57P03)', pgError('57P03')],
    ['too many connections (53300)', pgError('53300')],
    ['a connection exception (class 08)', pgError('08006')],
    [
      'the connection cut mid-query',
      new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly')),
    ],
    ['the pool wait timeout', new Error('timeout exceeded when trying to connect')],
    ["a transaction's runner released when its connection failed", new QueryRunnerAlreadyReleasedError()],
    ['the same, through the manager', new QueryRunnerProviderAlreadyReleasedError()],
    ['an AggregateError of refused addresses', new AggregateError([netError('ECONNREFUSED')], 'all failed')],
  ])('%s is unavailable', (_label, err) => {
    expect(databaseFailure(err)).toBe('unavailable');
  });

  it.each([
    ['40001', 'serialization failure'],
    ['40P01', 'deadlock'],
  ])('SQLSTATE %s (%s) is a conflict', (code) => {
    expect(databaseFailure(pgError(code))).toBe('conflict');
  });

  it('leaves errors that are the request or the code alone', () => {
    for (const e of [pgError('23505'), pgError('42P01'), pgError('22P02'), new Error('boom'), null, 'x'])
      expect(databaseFailure(e)).toBeUndefined();
  });
});

describe('retryTransient', () => {
  const opts = { attempts: 4, baseDelayMs: 1, maxDelayMs: 4 };

  it('retries a transient failure until the work succeeds', async () => {
    let calls = 0;
    const retried: number[] = [];
    const out = await retryTransient(
      async () => {
        calls++;
        if (calls < 3) throw netError('ECONNREFUSED');
        return 'done';
      },
      { ...opts, onRetry: (_e, attempt) => retried.push(attempt) },
    );
    expect([out, calls, retried]).toEqual(['done', 3, [1, 2]]);
  });

  it('gives up after the last attempt with the last error', async () => {
    let calls = 0;
    await expect(
      retryTransient(async () => {
        calls++;
        throw pgError('57P01');
      }, opts),
    ).rejects.toMatchObject({ driverError: { code: '57P01' } });
    expect(calls).toBe(4);
  });

  it('does not retry other errors, nor a pool wait timeout (the caller already waited)', async () => {
    for (const err of [pgError('23505'), new Error('timeout exceeded when trying to connect')]) {
      let calls = 0;
      await expect(
        retryTransient(async () => {
          calls++;
          throw err;
        }, opts),
      ).rejects.toBe(err);
      expect(calls).toBe(1);
    }
  });
});
