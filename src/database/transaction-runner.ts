import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { withAfterTransaction } from './after-transaction';
import { currentCommitHook } from './commit-hook';
import { databaseFailure, retryTransient } from './database-errors';

/** Attempts of a transaction that lost a race (serialization failure, deadlock), the first included. */
export const CONFLICT_ATTEMPTS = 3;

/**
 * Runs a unit of work in one transaction. Services pass the EntityManager down to repositories
 * and to the audit and outbox writers, so a change, its audit entry and its queued jobs commit
 * or roll back together. Never call Redis or HTTP inside the callback. Audit entries written in
 * their own transaction meanwhile (denials) are written right after it ends (after-transaction.ts).
 *
 * A transaction that PostgreSQL rolled back as a serialization failure or a deadlock victim is
 * run again from the start (up to CONFLICT_ATTEMPTS in all, with a short jittered backoff): it
 * changed nothing, and the callback only talks to the database. After the last attempt the
 * error reaches the caller (503 DATABASE_UNAVAILABLE with Retry-After over HTTP).
 */
@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const hook = currentCommitHook();
    const unit = hook
      ? async (m: EntityManager) => {
          const result = await work(m);
          await hook(m);
          return result;
        }
      : work;
    // READ COMMITTED, PostgreSQL's default: naming it would cost TypeORM a second statement
    // (SET TRANSACTION) on every transaction, a tenth of a case read's round trips.
    return retryTransient(() => withAfterTransaction(() => this.dataSource.transaction(unit)), {
      attempts: CONFLICT_ATTEMPTS,
      baseDelayMs: 20,
      maxDelayMs: 200,
      retryOn: (e) => databaseFailure(e) === 'conflict',
    });
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }
}
