import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { requestContext } from '../common/request-context';
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
}

const CHAIN_LOCK = 0x61756474; // "audt": serializes appends so the chain has one order

/**
 * Appends to the audit trail. Pass the transaction's EntityManager so the entry commits or rolls
 * back with the change it records. Denials must be written with `recordAlone` (their own
 * transaction), since the request's transaction is about to roll back.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(manager: EntityManager, input: AuditInput): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      // A chain append must hold its lock until commit: run it in a transaction of its own.
      return this.recordAlone(input);
    }
    await manager.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
    const [last] = await manager.query('SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1');
    const ctx = requestContext.get();
    const actor = input.actor === undefined ? ctx?.actor : input.actor;
    const e: HashedFields = {
      seq: String(last ? BigInt(last.seq) + 1n : 1n),
      occurredAt: this.clock.now(),
      actorUserId: actor?.userId ?? input.userId ?? null,
      actorRole: actor?.role ?? null,
      actorAgencyId: actor?.agencyId ?? null,
      action: input.action,
      subjectType: input.subjectType ?? null,
      subjectId: input.subjectId ?? null,
      caseId: input.caseId ?? null,
      fields: input.fields ?? [],
      purpose: input.purpose ?? null,
      outcome: input.outcome ?? 'allowed',
      requestId: ctx?.requestId ?? null,
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    await manager.insert(AuditEntry, { ...e, prevHash, hash: entryHash(prevHash, e) });
  }

  /** Appends in a transaction of its own (denials, reads, logins). */
  recordAlone(input: AuditInput): Promise<void> {
    return this.dataSource.transaction((m) => this.record(m, input));
  }
}
