import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';
import type { Actor } from './actor';

export interface RequestContext {
  requestId: string;
  actor?: Actor;
  ip?: string;
  /** Run inside each TransactionRunner transaction of the request, before it commits (idempotency). */
  inWriteTransaction?: (manager: EntityManager) => Promise<void>;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Per-request context (request id, actor), so audit entries and logs can name them anywhere. */
export const requestContext = {
  run<T>(ctx: RequestContext, fn: () => T): T {
    return storage.run(ctx, fn);
  },
  get(): RequestContext | undefined {
    return storage.getStore();
  },
};
