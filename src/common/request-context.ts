import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from './actor';

export interface RequestContext {
  requestId: string;
  actor?: Actor;
  ip?: string;
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
