import { createHash } from 'node:crypto';

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

/** sha256 over the previous hash and the entry's fields in a fixed order: editing any field, or
 * removing or reordering an entry, breaks every later link. */
export function entryHash(prevHash: string, e: HashedFields): string {
  const canonical = JSON.stringify([
    e.seq,
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
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}
