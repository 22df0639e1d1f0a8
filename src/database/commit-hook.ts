import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';

type CommitHook = (manager: EntityManager) => Promise<void>;

const current = new AsyncLocalStorage<CommitHook>();

/**
 * Runs `fn` so that every TransactionRunner transaction it starts runs `hook` last, before it
 * commits: what the hook writes commits or rolls back with the work (an Idempotency-Key is marked
 * done in the transaction that did the work).
 */
export function withCommitHook<T>(hook: CommitHook, fn: () => Promise<T>): Promise<T> {
  return current.run(hook, fn);
}

export function currentCommitHook(): CommitHook | undefined {
  return current.getStore();
}
