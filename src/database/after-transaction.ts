import { AsyncLocalStorage } from 'node:async_hooks';

type Work = () => Promise<void>;
interface Queue {
  work: Work[];
  closed: boolean;
}

const current = new AsyncLocalStorage<Queue>();

/**
 * Queues `work` to run once the current TransactionRunner transaction has ended (commit or
 * rollback) and given its connection back, before its result or error reaches the caller.
 * Returns false, queuing nothing, outside such a transaction or once it has ended.
 *
 * For writes that must not wait on another connection while the transaction holds one: on
 * PostgreSQL that waiting is a pool hold-and-wait, and on the demo's PGlite (one session shared
 * by every connection) a second connection cannot run at all until the transaction ends.
 */
export function afterTransaction(work: Work): boolean {
  const q = current.getStore();
  if (!q || q.closed) return false;
  q.work.push(work);
  return true;
}

/**
 * Runs `tx` and then what it queued with afterTransaction, in order. An error of the queued work
 * wins over the transaction's: what it records (a denial) must not be missing when the answer
 * goes out.
 */
export async function withAfterTransaction<T>(tx: () => Promise<T>): Promise<T> {
  const q: Queue = { work: [], closed: false };
  const flush = async () => {
    q.closed = true;
    for (const work of q.work) await work();
  };
  let result: T;
  try {
    result = await current.run(q, tx);
  } catch (e) {
    await flush();
    throw e;
  }
  await flush();
  return result;
}
