import { afterTransaction, withAfterTransaction } from './after-transaction';

describe('afterTransaction', () => {
  it('runs queued work after the transaction, before its result or error reaches the caller', async () => {
    const log: string[] = [];
    const ok = await withAfterTransaction(async () => {
      expect(afterTransaction(async () => void log.push('queued'))).toBe(true);
      log.push('tx');
      return 'result';
    });
    log.push(ok);
    const failed = await withAfterTransaction(async () => {
      afterTransaction(async () => void log.push('denial'));
      throw new Error('forbidden');
    }).catch((e: Error) => e.message);
    log.push(failed);
    expect(log).toEqual(['tx', 'queued', 'result', 'denial', 'forbidden']);
  });

  it('lets the queued work’s error win, and queues nothing outside or after a transaction', async () => {
    await expect(
      withAfterTransaction(async () => {
        afterTransaction(() => Promise.reject(new Error('audit down')));
        throw new Error('forbidden');
      }),
    ).rejects.toThrow('audit down');
    expect(afterTransaction(async () => undefined)).toBe(false);
    let late: Promise<boolean> | undefined;
    await withAfterTransaction(async () => {
      late = new Promise((r) => setImmediate(() => r(afterTransaction(async () => undefined))));
    });
    expect(await late).toBe(false);
  });
});
