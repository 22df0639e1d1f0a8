import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { requestContext } from '../common/request-context';
import { afterTransaction } from '../database/after-transaction';
import { AUDIT_DATA_SOURCE } from '../database/audit-data-source';

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
 * uuid columns come back in lower case: store what will be read back (the sequencer hashes the
 * stored row, so this only keeps ids comparable).
 */
const uuid = (v: string | null | undefined): string | null => (v ? v.toLowerCase() : null);

const COLUMNS = [
  'occurred_at',
  'actor_user_id',
  'actor_role',
  'actor_agency_id',
  'actor_country_code',
  'action',
  'subject_type',
  'subject_id',
  'case_id',
  'fields',
  'purpose',
  'outcome',
  'request_id',
] as const;
/** Rows per INSERT statement (PostgreSQL takes at most 65,535 parameters). */
const ROWS_PER_STATEMENT = 2000;

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** One entry's column values, in COLUMNS order. */
type Row = unknown[];

interface Waiting {
  row: Row;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Appends to the audit trail. Pass the transaction's EntityManager so the entry commits or rolls
 * back with the change it records. Denials must be written with `recordAlone` (their own
 * transaction), since the request's transaction is about to roll back.
 *
 * An append is a plain INSERT: no lock, no read of the chain head, so no request waits on another
 * request's audit. The row gets an insertion id; its chain position and hashes are assigned
 * after commit by the sequencer (AuditSequencerService, in the worker), which seals committed rows in
 * batches. A rolled-back transaction leaves no row, so it leaves no gap either.
 */
@Injectable()
export class AuditService {
  /** Own-transaction entries waiting for the next INSERT on the audit pool (group commit). */
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;
  /** As many INSERTs at once as the audit pool has connections (more would only queue there). */
  private readonly maxInFlight: number;

  constructor(
    /** The audit writer's own pool: never the request pool (see recordAlone). */
    @InjectDataSource(AUDIT_DATA_SOURCE) private readonly ownPool: DataSource,
    private readonly clock: Clock,
  ) {
    const max = (ownPool.options as { extra?: { max?: unknown } }).extra?.max;
    this.maxInFlight = typeof max === 'number' && max > 0 ? max : 2;
  }

  /** One entry, in the caller's transaction. */
  async record(manager: EntityManager, input: AuditInput): Promise<void> {
    return this.recordMany(manager, [input]);
  }

  /**
   * Several entries in one INSERT (a list page: one entry per row shown), in the caller's
   * transaction. Outside a transaction they are written on their own, like `recordAlone`.
   */
  async recordMany(manager: EntityManager, inputs: AuditInput[]): Promise<void> {
    if (!inputs.length) return;
    if (!manager.queryRunner?.isTransactionActive) {
      for (const input of inputs) await this.recordAlone(input);
      return;
    }
    await this.insert(manager, inputs);
  }

  /**
   * Appends on its own (denials, reads, logins), so the entry stays when the caller's transaction
   * rolls back. Called inside a TransactionRunner transaction, the append runs right after that
   * transaction ends and before its outcome (the 403) reaches the caller: the request then holds
   * no connection while it waits for the audit pool, and on the demo's single PGlite session a
   * second connection could not run before the transaction ends anyway.
   *
   * The INSERT goes through the audit writer's own pool, never the request pool: a caller that
   * still holds a request connection must not wait for a second one, or as many refusals at once
   * as the pool has connections wait for each other forever.
   */
  recordAlone(input: AuditInput): Promise<void> {
    const ctx = requestContext.get();
    // The row is built now: the request's actor, id and time; a deferred write runs outside it.
    const row = this.row(input, ctx?.actor, ctx?.requestId ?? null, this.clock.now());
    const write = () => this.writeAlone(row);
    if (afterTransaction(write)) return Promise.resolve();
    return write();
  }

  /**
   * Group commit: an entry goes out at once while the audit pool has a free connection; entries
   * that arrive while every connection is busy wait and go out together in the next INSERT, one
   * commit for all of them. Each caller's promise settles when its own row is committed (or
   * failed), so a denial is still durable before the 403. If a shared INSERT fails, its rows are
   * written one by one, so one bad entry fails only its own caller.
   */
  private writeAlone(row: Row): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ row, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length) {
      const batch = this.waiting.splice(0, ROWS_PER_STATEMENT);
      this.inFlight++;
      void this.commit(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async commit(batch: Waiting[]): Promise<void> {
    try {
      await this.insertRows(
        this.ownPool,
        batch.map((w) => w.row),
      );
      for (const w of batch) w.resolve();
    } catch (e) {
      if (batch.length === 1) return batch[0].reject(e);
      for (const w of batch) await this.insertRows(this.ownPool, [w.row]).then(w.resolve, w.reject);
    }
  }

  private async insert(db: Queryable, inputs: AuditInput[]): Promise<void> {
    const ctx = requestContext.get();
    const now = this.clock.now();
    const rows = inputs.map((input) => this.row(input, ctx?.actor, ctx?.requestId ?? null, now));
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT)
      await this.insertRows(db, rows.slice(start, start + ROWS_PER_STATEMENT));
  }

  /** The entry's values in COLUMNS order; `input.actor` wins over the request's (null: none). */
  private row(input: AuditInput, ctxActor: Actor | undefined, requestId: string | null, now: Date): Row {
    const actor = input.actor === undefined ? ctxActor : input.actor;
    return [
      now,
      uuid(actor?.userId ?? input.userId),
      actor?.role ?? null,
      uuid(actor?.agencyId),
      actor?.countryCode ?? input.countryCode ?? null,
      input.action,
      input.subjectType ?? null,
      input.subjectId ?? null,
      uuid(input.caseId),
      input.fields ?? [],
      input.purpose ?? null,
      input.outcome ?? 'allowed',
      requestId,
    ];
  }

  private async insertRows(db: Queryable, rows: Row[]): Promise<void> {
    const params: unknown[] = [];
    const tuples = rows.map((row) => {
      const first = params.length;
      params.push(...row);
      return `(${row.map((_, i) => `$${first + i + 1}`).join(', ')})`;
    });
    await db.query(`INSERT INTO audit_entry (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}
