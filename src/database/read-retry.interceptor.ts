import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Observable, retry, throwError, timer } from 'rxjs';
import { backoffDelay, isPoolWaitTimeout, isTransientDatabaseFailure } from './database-errors';

/** Attempts of a read that met a transient database failure, the first included, and the backoff. */
export const READ_ATTEMPTS = 4;
const READ_BASE_DELAY_MS = 150;
const READ_MAX_DELAY_MS = 1000;

/**
 * Reads (GET and HEAD) that fail because PostgreSQL is briefly away (a restart, a failover, a
 * cut connection) or lost a race are run again with a jittered exponential backoff (about 1 s in
 * all) before the client gets 503 DATABASE_UNAVAILABLE. The route handler runs again whole; the
 * guards do not. A pool wait timeout is not retried (the request already waited DB_POOL_WAIT_MS),
 * nor is anything once the response has started. Writes are not retried here: their
 * transactions retry conflicts themselves (TransactionRunner), and a client with an
 * Idempotency-Key retries the rest on 503.
 */
@Injectable()
export class ReadRetryInterceptor implements NestInterceptor {
  private readonly logger = new Logger('ReadRetry');

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const http = ctx.switchToHttp();
    const req = http.getRequest<{ method?: string; id?: unknown }>();
    if (req.method !== 'GET' && req.method !== 'HEAD') return next.handle();
    const reply = http.getResponse<{ sent?: boolean }>();
    return next.handle().pipe(
      retry({
        count: READ_ATTEMPTS - 1,
        delay: (err: unknown, attempt: number) => {
          if (reply.sent || !isTransientDatabaseFailure(err) || isPoolWaitTimeout(err))
            return throwError(() => err);
          const ms = backoffDelay(attempt, READ_BASE_DELAY_MS, READ_MAX_DELAY_MS);
          this.logger.warn({ requestId: req.id, attempt, delayMs: ms }, 'database unavailable: read retried');
          return timer(ms);
        },
      }),
    );
  }
}
