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
 * The canonical text of `entryHash` rendered by PostgreSQL for a row of `audit_entry`: the same
 * JSON array, byte for byte, for every row the application writes (timestamps in milliseconds,
 * the same string escapes; `test/audit/audit-hash-sql.e2e-spec.ts` checks awkward values). The
 * verifier reads this one column instead of fourteen, so the database (another core) renders
 * while Node hashes. It is an accelerator only: when a link does not match through it, the
 * verifier reads the row's columns and decides with `entryHash` itself.
 */
export const CANONICAL_SQL = `'[' || ${json('seq::text')} || ',"' ||
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
