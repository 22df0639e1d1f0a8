import { entryHash, GENESIS_HASH, HashedFields } from '../audit-trail/audit-hash';

/** One audit entry as the chain stores it. */
export interface ChainRow extends HashedFields {
  prevHash: string;
  hash: string;
}

/** Reads up to `limit` entries with seq > `afterSeq`, in seq order (keyset: constant memory). */
export type ChainBatchReader = (afterSeq: string, limit: number) => Promise<ChainRow[]>;

export type BrokenLinkReason = 'hash mismatch' | 'prev_hash mismatch' | 'gap';

export interface ChainVerdict {
  ok: boolean;
  /** Entries verified intact (all of them when ok; those before the broken link otherwise). */
  checked: number;
  /** The last intact entry: an operator can keep it elsewhere to detect a later rewrite of the tail. */
  headSeq?: string;
  headHash?: string;
  /** The first entry whose link does not hold. */
  firstBrokenSeq?: string;
  reason?: BrokenLinkReason;
}

/**
 * Walks the chain from seq 1 in batches and stops at the first broken link:
 * - `gap`: the entry's seq is not the previous one plus one (an entry was removed, or the first
 *   entry is not seq 1);
 * - `prev_hash mismatch`: the entry does not point at the previous entry's hash;
 * - `hash mismatch`: the entry's fields do not produce its stored hash (it was edited).
 * Used by the CLI (`npm run audit:verify`) and by `GET /api/v1/audit/verify`.
 */
export async function verifyChain(read: ChainBatchReader, batchSize = 5000): Promise<ChainVerdict> {
  let expected = 1n;
  let prevHash = GENESIS_HASH;
  let headSeq: string | undefined;
  let checked = 0;
  let after = '0';
  for (;;) {
    const rows = await read(after, batchSize);
    for (const row of rows) {
      const broken = (reason: BrokenLinkReason): ChainVerdict => ({
        ok: false,
        checked,
        headSeq,
        headHash: headSeq ? prevHash : undefined,
        firstBrokenSeq: row.seq,
        reason,
      });
      if (BigInt(row.seq) !== expected) return broken('gap');
      if (row.prevHash !== prevHash) return broken('prev_hash mismatch');
      if (entryHash(row.prevHash, row) !== row.hash) return broken('hash mismatch');
      prevHash = row.hash;
      headSeq = row.seq;
      expected += 1n;
      checked += 1;
    }
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1].seq;
  }
  return { ok: true, checked, headSeq, headHash: headSeq ? prevHash : undefined };
}

/** The CLI's one-line summary. */
export function describeVerdict(v: ChainVerdict): string {
  return v.ok
    ? `audit chain OK: ${v.checked} entries`
    : `first broken link at seq ${v.firstBrokenSeq}: ${v.reason}`;
}
