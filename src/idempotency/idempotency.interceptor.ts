import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, Observable } from 'rxjs';
import type { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { withCommitHook } from '../database/commit-hook';
import { IdempotencyErrors } from './idempotency.errors';
import { takesIdempotencyKey } from './idempotency-scope';
import { IdempotencyStore } from './idempotency.store';

const KEY = /^[\x21-\x7e]{1,255}$/;

/** Same JSON whatever the order of an object's keys. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
}

/**
 * `Idempotency-Key` on a signed-in user's POST: the first request does the work and its answer is
 * kept; the same key with the same request gets that answer again (`Idempotent-Replayed: true`)
 * without doing the work twice; with another request, 422. Keys are per user.
 *
 * "Done" is decided in the database: the request's write transaction marks the key (the
 * TransactionRunner runs the commit hook, database/commit-hook.ts), so a process that dies
 * after committing leaves a key that refuses to do the work again, and one that dies before
 * leaves a key a retry may take over once IDEMPOTENCY_LOCK_MS has passed.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
    private readonly clock: Clock,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { actor?: Actor }>();
    const header = req.headers['idempotency-key'];
    const route = req.routeOptions?.url ?? req.url;
    if (header === undefined || !req.actor || !takesIdempotencyKey(req.method, route)) return next.handle();
    const key = Array.isArray(header) ? header.join(',') : header;
    if (!KEY.test(key)) throw IdempotencyErrors.INVALID_IDEMPOTENCY_KEY();
    const status = this.reflector.get<number>(HTTP_CODE_METADATA, ctx.getHandler()) ?? 201;
    const reply = ctx.switchToHttp().getResponse<FastifyReply>();
    return from(this.run(req.actor.userId, key, req, reply, status, next));
  }

  private async run(
    userId: string,
    key: string,
    req: FastifyRequest,
    reply: FastifyReply,
    status: number,
    next: CallHandler,
  ): Promise<unknown> {
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([req.method, req.url, canonical(req.body ?? null)]))
      .digest('hex');
    if (!(await this.store.claim(userId, key, fingerprint)))
      return this.answerFromStore(userId, key, fingerprint, reply);

    let result: unknown;
    try {
      result = await withCommitHook(
        (m) => this.store.markCommitted(m, userId, key),
        () => lastValue(next.handle()),
      );
    } catch (err) {
      await this.store.release(userId, key);
      throw err;
    }
    // What the client receives: the JSON form (dates as strings), so a replay is byte-identical.
    const sent = result === undefined ? undefined : (JSON.parse(JSON.stringify(result)) as unknown);
    await this.store.complete(userId, key, status, sent);
    return sent;
  }

  private async answerFromStore(
    userId: string,
    key: string,
    fingerprint: string,
    reply: FastifyReply,
  ): Promise<unknown> {
    const row = await this.store.find(userId, key);
    if (!row) throw IdempotencyErrors.IDEMPOTENCY_KEY_IN_PROGRESS({ retryAfterSeconds: 1 });
    if (row.fingerprint !== fingerprint) throw IdempotencyErrors.IDEMPOTENCY_KEY_REUSED();
    if (row.state === 'completed') {
      void reply.header('idempotent-replayed', 'true');
      return row.responseBody ?? undefined;
    }
    if (row.workCommitted && new Date(row.lockedUntil) <= this.clock.now())
      throw IdempotencyErrors.IDEMPOTENCY_OUTCOME_UNKNOWN();
    throw IdempotencyErrors.IDEMPOTENCY_KEY_IN_PROGRESS({ retryAfterSeconds: 1 });
  }
}

function lastValue<T>(o: Observable<T>): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    let last: T | undefined;
    o.subscribe({ next: (v) => (last = v), error: reject, complete: () => resolve(last) });
  });
}
