import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { requestContext } from '../common/request-context';
import { withAfterTransaction } from './after-transaction';

/**
 * Runs a unit of work in one transaction. Services pass the EntityManager down to repositories
 * and to the audit and outbox writers, so a change, its audit entry and its queued jobs commit
 * or roll back together. Never call Redis or HTTP inside the callback. Audit entries written in
 * their own transaction meanwhile (denials) are written right after it ends (after-transaction.ts).
 */
@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const hook = requestContext.get()?.inWriteTransaction;
    const unit = hook
      ? async (m: EntityManager) => {
          const result = await work(m);
          await hook(m);
          return result;
        }
      : work;
    return withAfterTransaction(() => this.dataSource.transaction('READ COMMITTED', unit));
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }
}
