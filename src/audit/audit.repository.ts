import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AppAbility } from '../authz/ability';
import { applyAbility, ColumnMap } from '../authz/casl-sql';
import { AuditEntry } from '../audit-trail/audit-entry.entity';
import type { Checkpoint } from '../audit-trail/audit-checkpoint';
import { CANONICAL_TAIL_SQL, canonicalText } from '../audit-trail/audit-hash';
import type { ChainLink, ChainRow } from './audit-chain.verifier';

export interface AuditFilter {
  subjectType?: string;
  subjectId?: string;
  caseId?: string;
  actorUserId?: string;
  action?: string;
  outcome?: string;
  from?: Date;
  to?: Date;
}

export interface Page {
  /** Return entries with an insertion id below this one (the previous page's last). */
  beforeId?: string;
  limit: number;
}

/** Policy fields of the AuditEntry subject, as columns of alias `a`. */
export const AUDIT_ENTRY_COLUMNS: ColumnMap = {
  actorCountryCode: 'a.actor_country_code',
  actorAgencyId: 'a.actor_agency_id',
  actorUserId: 'a.actor_user_id',
  action: 'a.action',
  outcome: 'a.outcome',
};

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** The sealed chain in seq order after `afterSeq`, shaped for the verifier. Works on a DataSource or a manager. */
export async function readChainBatch(db: Queryable, afterSeq: string, limit: number): Promise<ChainRow[]> {
  return (await db.query(
    `SELECT seq, occurred_at AS "occurredAt", actor_user_id AS "actorUserId", actor_role AS "actorRole",
            actor_agency_id AS "actorAgencyId", actor_country_code AS "actorCountryCode", action,
            subject_type AS "subjectType", subject_id AS "subjectId", case_id AS "caseId", fields, purpose,
            outcome, request_id AS "requestId", prev_hash AS "prevHash", hash
       FROM audit_entry WHERE seq > $1 ORDER BY seq LIMIT $2`,
    [afterSeq, limit],
  )) as ChainRow[];
}

/**
 * The sealed chain after `afterSeq` as links: each entry's canonical text rendered by the
 * database (one column instead of thirteen: no timestamp, uuid or array parsing in Node). What
 * verification reads; `readChainEntry` gives the columns of a link that does not match this way.
 */
export async function readChainLinks(db: Queryable, afterSeq: string, limit: number): Promise<ChainLink[]> {
  const rows = (await db.query(
    `SELECT seq, prev_hash AS "prevHash", hash, ${CANONICAL_TAIL_SQL} AS tail
       FROM audit_entry WHERE seq > $1 ORDER BY seq LIMIT $2`,
    [afterSeq, limit],
  )) as (Omit<ChainLink, 'canonical'> & { tail: string })[];
  return rows.map((r) => ({
    seq: r.seq,
    prevHash: r.prevHash,
    hash: r.hash,
    canonical: canonicalText(r.seq, r.tail),
  }));
}

/** One sealed entry with its columns (the verifier's check of a link that did not match as text). */
export async function readChainEntry(db: Queryable, seq: string): Promise<ChainRow | undefined> {
  return (await readChainBatch(db, String(BigInt(seq) - 1n), 1)).find((r) => r.seq === seq);
}

/** Rows inserted but not yet sealed by the sequencer. */
export async function countUnsealed(db: Queryable): Promise<number> {
  const [row] = (await db.query('SELECT count(*)::int AS n FROM audit_entry WHERE seq IS NULL')) as {
    n: number;
  }[];
  return row.n;
}

/** The checkpoints of the `audit_checkpoint` table, in seq order (their signatures unchecked). */
export async function readCheckpoints(db: Queryable): Promise<Checkpoint[]> {
  const rows = (await db.query(
    `SELECT seq, head_hash AS hash, signed_at AS at, key_id AS "keyId", signature AS sig
       FROM audit_checkpoint ORDER BY seq`,
  )) as (Omit<Checkpoint, 'at'> & { at: Date })[];
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

/** Reads of the audit trail (it is written only by AuditService). */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first, filtered, restricted in SQL to the entries the ability may `list`. */
  search(ability: AppAbility, f: AuditFilter, page: Page, manager?: EntityManager): Promise<AuditEntry[]> {
    const qb = (manager ?? this.dataSource.manager).createQueryBuilder(AuditEntry, 'a');
    if (f.subjectType !== undefined)
      qb.andWhere('a.subject_type = :subjectType', { subjectType: f.subjectType });
    if (f.subjectId !== undefined) qb.andWhere('a.subject_id = :subjectId', { subjectId: f.subjectId });
    if (f.caseId !== undefined) qb.andWhere('a.case_id = :caseId', { caseId: f.caseId });
    if (f.actorUserId !== undefined)
      qb.andWhere('a.actor_user_id = :actorUserId', { actorUserId: f.actorUserId });
    if (f.action !== undefined) qb.andWhere('a.action = :action', { action: f.action });
    if (f.outcome !== undefined) qb.andWhere('a.outcome = :outcome', { outcome: f.outcome });
    if (f.from) qb.andWhere('a.occurred_at >= :from', { from: f.from });
    if (f.to) qb.andWhere('a.occurred_at < :to', { to: f.to });
    if (page.beforeId) qb.andWhere('a.id < :beforeId', { beforeId: page.beforeId });
    applyAbility(qb, ability, 'list', 'AuditEntry', AUDIT_ENTRY_COLUMNS);
    // Insertion order: present on every row, sealed or not, so a page is exact the moment it is read.
    return qb.orderBy('a.id', 'DESC').limit(page.limit).getMany();
  }

  /** Every entry about one case, sealed or not, newest first (no authorization: callers check). */
  forCase(caseId: string, page: Page, manager?: EntityManager): Promise<AuditEntry[]> {
    const qb = (manager ?? this.dataSource.manager)
      .createQueryBuilder(AuditEntry, 'a')
      .where('a.case_id = :caseId', { caseId });
    if (page.beforeId) qb.andWhere('a.id < :beforeId', { beforeId: page.beforeId });
    return qb.orderBy('a.id', 'DESC').limit(page.limit).getMany();
  }

  chainLinks(afterSeq: string, limit: number): Promise<ChainLink[]> {
    return readChainLinks(this.dataSource, afterSeq, limit);
  }

  chainEntry(seq: string): Promise<ChainRow | undefined> {
    return readChainEntry(this.dataSource, seq);
  }

  unsealed(): Promise<number> {
    return countUnsealed(this.dataSource);
  }
}
