import { hash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  seq: string;
  occurredAt: Date;
  actorUserId: string | null;
  actorRole: string | null;
  actorAgencyId: string | null;
  actorCountryCode: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  caseId: string | null;
  fields: string[];
  purpose: string | null;
  outcome: string;
  requestId: string | null;
}

/**
 * sha256 over the previous hash and the entry's fields in a fixed order: editing any field, or
 * removing or reordering an entry, breaks every later link. The sequencer and every verifier use
 * this one function. `seq` is passed apart so the sequencer need not copy each row to add it.
 *
 * One-shot `crypto.hash` over `prevHash + JSON`: the same bytes as the earlier
 * `createHash().update(prevHash).update(json)` (both UTF-8), so every stored hash still verifies,
 * at about half the cost per entry (no Hash object per entry).
 */
export function entryHash(
  prevHash: string,
  e: Omit<HashedFields, 'seq'> & { seq?: string },
  seq: string | undefined = e.seq,
): string {
  const canonical = JSON.stringify([
    seq,
    e.occurredAt.toISOString(),
    e.actorUserId,
    e.actorRole,
    e.actorAgencyId,
    e.actorCountryCode,
    e.action,
    e.subjectType,
    e.subjectId,
    e.caseId,
    e.fields,
    e.purpose,
    e.outcome,
    e.requestId,
  ]);
  return linkHash(prevHash, canonical);
}

/** The hash of a link: sha256 over the previous hash and the entry's canonical text. */
export function linkHash(prevHash: string, canonical: string): string {
  return hash('sha256', prevHash + canonical, 'hex');
}

/** JSON text of one column as JSON.stringify writes it (PostgreSQL escapes the same characters). */
const json = (column: string) => `COALESCE(to_json(${column})::text, 'null')`;

/**
 * The canonical text of `entryHash` after its position, rendered by PostgreSQL for a row of
 * `audit_entry`: `,"<occurred_at>",<actor_user_id>,…,<request_id>]`, byte for byte what
 * JSON.stringify writes for every row the application stores (timestamps in milliseconds, the
 * same string escapes: `test/audit/audit-hash-sql.e2e-spec.ts` checks awkward values). The
 * sequencer and the verifier read this one column instead of thirteen (no timestamp, uuid or
 * array parsing in Node, and the database renders on another core while Node hashes); they put
 * the position in front with `canonicalText`. Verification does not rely on it alone: a link
 * that does not match through it is decided by `entryHash` over the row's columns.
 */
export const CANONICAL_TAIL_SQL = `',"' ||
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '",' || concat_ws(',', ${[
    'actor_user_id::text',
    'actor_role',
    'actor_agency_id::text',
    'actor_country_code',
    'action',
    'subject_type',
    'subject_id',
    'case_id::text',
    'fields',
    'purpose',
    'outcome',
    'request_id',
  ]
    .map(json)
    .join(', ')}) || ']'`;

/** The canonical text of the entry at `seq` (digits only) from its rendered tail. */
export function canonicalText(seq: string, tail: string): string {
  return `["${seq}"${tail}`;
}
