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
  return hash('sha256', prevHash + canonical, 'hex');
}
