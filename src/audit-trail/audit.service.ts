import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { requestContext, RequestContext } from '../common/request-context';
import { afterTransaction } from '../database/after-transaction';
import { AUDIT_DATA_SOURCE } from '../database/audit-data-source';
import { AuditEntry } from './audit-entry.entity';
import { entryHash, GENESIS_HASH, HashedFields } from './audit-hash';

export interface AuditInput {
  action: string;
  outcome?: 'allowed' | 'denied' | 'failed';
  subjectType?: string;
  subjectId?: string;
  caseId?: string;
  fields?: string[];
  purpose?: string;
  /** Defaults to the request's actor. Pass null for unauthenticated events (failed login). */
  actor?: Actor | null;
  /** For events before an actor exists (login): the user the event concerns. */
  userId?: string;
  /** For events before an actor exists: the country of that user's agency (the auditor's scope). */
  countryCode?: string;
}

/**
 * uuid columns come back in lower case: hash what will be read back, or an upper-case id from a
 * URL would make an intact entry fail verification.
 */
const uuid = (v: string | null | undefined): string | null => (v ? v.toLowerCase() : null);

export const CHAIN_LOCK = 0x61756474; // "audt": serializes appends so the chain has one order

/**
 * Appends to the audit trail. Pass the transaction's EntityManager so the entry commits or rolls
 * back with the change it records. Denials must be written with `recordAlone` (their own
 * transaction), since the request's transaction is about to roll back.
 *
 * Appends take a transaction-scoped advisory lock, so the chain's order is the commit order and a
 * rolled-back transaction leaves no entry and no gap. Run them under READ COMMITTED (as
 * TransactionRunner does): the head is read after the lock is granted.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger('AuditService');
  /** The transaction of a request that holds the chain lock (see recordAlone). */
  private readonly lockHolders = new WeakMap<RequestContext, QueryRunner>();

  constructor(
    /** The audit writer's own pool: never the request pool (see recordAlone). */
    @InjectDataSource(AUDIT_DATA_SOURCE) private readonly ownPool: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(manager: EntityManager, input: AuditInput): Promise<void> {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) {
      // A chain append must hold its lock until commit: run it in a transaction of its own.
      return this.recordAlone(input);
    }
    await manager.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
    const ctx = requestContext.get();
    if (ctx) this.lockHolders.set(ctx, runner);
    const [last] = (await manager.query('SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1')) as {
      seq: string;
      hash: string;
    }[];
    const actor = input.actor === undefined ? ctx?.actor : input.actor;
    const e: HashedFields = {
      seq: String(last ? BigInt(last.seq) + 1n : 1n),
      occurredAt: this.clock.now(),
      actorUserId: uuid(actor?.userId ?? input.userId),
      actorRole: actor?.role ?? null,
      actorAgencyId: uuid(actor?.agencyId),
      actorCountryCode: actor?.countryCode ?? input.countryCode ?? null,
      action: input.action,
      subjectType: input.subjectType ?? null,
      subjectId: input.subjectId ?? null,
      caseId: uuid(input.caseId),
      fields: input.fields ?? [],
      purpose: input.purpose ?? null,
      outcome: input.outcome ?? 'allowed',
      requestId: ctx?.requestId ?? null,
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    await manager.insert(AuditEntry, { ...e, prevHash, hash: entryHash(prevHash, e) });
  }

  /**
   * Appends in a transaction of its own (denials, reads, logins), so the entry stays when the
   * caller's transaction rolls back. Called inside a TransactionRunner transaction, the append
   * runs right after that transaction ends and before its outcome (the 403) reaches the caller:
   * it then holds no connection while it waits, and it may need the chain lock that transaction
   * took (an entry recorded, then a denial). Inside any other transaction that holds the chain
   * lock for the same request, waiting here would deadlock on that lock: the entry is then written
   * as soon as that transaction ends, whether it commits or rolls back.
   *
   * The transaction comes from the audit writer's own pool, never from the request pool: a caller
   * that still holds a request connection must not wait for a second one, or as many refusals
   * at once as the pool has connections wait for each other forever. No cycle remains: an
   * own-pool connection is held only by such an append, which needs nothing but the chain lock;
   * the lock's holder is either such an append or a request transaction, which never waits for an
   * own-pool append of its own request (see above) and waits for a request connection at most
   * DB_POOL_WAIT_MS.
   */
  recordAlone(input: AuditInput): Promise<void> {
    const ctx = requestContext.get();
    const holder = ctx && this.lockHolders.get(ctx);
    // The request's actor and id are captured now; the deferred write runs outside the request.
    const resolved: AuditInput = {
      ...input,
      actor: input.actor === undefined ? (ctx?.actor ?? null) : input.actor,
    };
    const write = () => this.ownPool.transaction('READ COMMITTED', (m) => this.record(m, resolved));
    if (afterTransaction(write)) return Promise.resolve();
    if (ctx && holder?.isTransactionActive && !holder.isReleased) {
      void requestContext
        .run({ requestId: ctx.requestId, actor: ctx.actor }, write)
        .catch((err: unknown) =>
          this.logger.error(
            { err: { message: (err as Error)?.message }, action: input.action },
            'deferred audit write failed',
          ),
        );
      return Promise.resolve();
    }
    return write();
  }
}
