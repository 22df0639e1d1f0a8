import { entryHash, GENESIS_HASH, HashedFields } from '../audit-trail/audit-hash';

/** One sealed audit entry as the chain stores it. */
export interface ChainRow extends HashedFields {
  prevHash: string;
  hash: string;
}

/** Reads up to `limit` sealed entries with seq > `afterSeq`, in seq order (keyset: constant memory). */
export type ChainBatchReader = (afterSeq: string, limit: number) => Promise<ChainRow[]>;

export type BrokenLinkReason =
  | 'hash mismatch'
  | 'prev_hash mismatch'
  | 'gap'
  | 'checkpoint mismatch'
  | 'truncated'
  | 'checkpoint signature invalid';

/** A signed checkpoint (position and head hash); its signature is checked by the caller. */
export interface CheckpointRef {
  seq: string;
  hash: string;
  /** False when the signature did not verify with the public key: the verdict fails there. */
  signatureValid?: boolean;
}

export interface ChainVerdict {
  ok: boolean;
  /** Entries verified intact (all of them when ok; those before the broken link otherwise). */
  checked: number;
  /** The last intact entry: an operator can keep it elsewhere to detect a later rewrite of the tail. */
  headSeq?: string;
  headHash?: string;
  /** The first entry whose link does not hold (for `truncated`: the first missing position). */
  firstBrokenSeq?: string;
  reason?: BrokenLinkReason;
  /** Checkpoints the chain matched (when checkpoints were given). */
  checkpoints?: number;
  /** The last checkpoint the chain matched: the chain up to there is the signed one. */
  lastCheckpointSeq?: string;
  /** Rows not yet sealed by the sequencer when the verification started (not part of the chain yet). */
  unsealed?: number;
}

export interface VerifyOptions {
  /** Signed checkpoints, any order. */
  checkpoints?: CheckpointRef[];
  /** Reported as is (the caller counts unsealed rows before walking). */
  unsealed?: number;
}

/**
 * Walks the chain from seq 1 in batches and stops at the first broken link:
 * - `gap`: the entry's seq is not the previous one plus one (an entry was removed, or the first
 *   entry is not seq 1);
 * - `prev_hash mismatch`: the entry does not point at the previous entry's hash;
 * - `hash mismatch`: the entry's fields do not produce its stored hash (it was edited);
 * - `checkpoint mismatch`: the entry at a signed checkpoint's position does not have the signed
 *   head hash: the chain before it was rewritten and its hashes recomputed (links hold, the
 *   signature does not);
 * - `checkpoint signature invalid`: a checkpoint was not signed by the sequencer's key;
 * - `truncated`: the chain ends before the last signed checkpoint's position.
 * Used by the CLI (`npm run audit:verify`) and by `GET /api/v1/audit/verify`.
 */
export async function verifyChain(
  read: ChainBatchReader,
  batchSize = 5000,
  options: VerifyOptions = {},
): Promise<ChainVerdict> {
  const cps = [...(options.checkpoints ?? [])].sort((a, b) =>
    BigInt(a.seq) < BigInt(b.seq) ? -1 : BigInt(a.seq) > BigInt(b.seq) ? 1 : 0,
  );
  let nextCp = 0;
  let matched = 0;
  let lastCheckpointSeq: string | undefined;
  let expected = 1n;
  let prevHash = GENESIS_HASH;
  let headSeq: string | undefined;
  let checked = 0;
  let after = '0';
  const extra = (): Partial<ChainVerdict> => ({
    ...(options.checkpoints ? { checkpoints: matched, lastCheckpointSeq } : {}),
    ...(options.unsealed !== undefined ? { unsealed: options.unsealed } : {}),
  });
  const verdict = (broken?: { seq: string; reason: BrokenLinkReason }): ChainVerdict => ({
    ok: !broken,
    checked,
    headSeq,
    headHash: headSeq ? prevHash : undefined,
    ...(broken ? { firstBrokenSeq: broken.seq, reason: broken.reason } : {}),
    ...extra(),
  });
  const badSignature = cps.find((c) => c.signatureValid === false);
  if (badSignature) return verdict({ seq: badSignature.seq, reason: 'checkpoint signature invalid' });
  for (;;) {
    const rows = await read(after, batchSize);
    for (const row of rows) {
      const broken = (reason: BrokenLinkReason) => verdict({ seq: row.seq, reason });
      if (BigInt(row.seq) !== expected) return broken('gap');
      if (row.prevHash !== prevHash) return broken('prev_hash mismatch');
      if (entryHash(row.prevHash, row) !== row.hash) return broken('hash mismatch');
      while (nextCp < cps.length && BigInt(cps[nextCp].seq) === expected) {
        if (cps[nextCp].hash !== row.hash) return broken('checkpoint mismatch');
        matched++;
        lastCheckpointSeq = row.seq;
        nextCp++;
      }
      prevHash = row.hash;
      headSeq = row.seq;
      expected += 1n;
      checked += 1;
    }
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1].seq;
  }
  if (nextCp < cps.length) return verdict({ seq: String(expected), reason: 'truncated' });
  return verdict();
}

/** The CLI's one-line summary. */
export function describeVerdict(v: ChainVerdict): string {
  if (v.ok) return `audit chain OK: ${v.checked} entries`;
  if (v.reason === 'truncated')
    return `first broken link at seq ${v.firstBrokenSeq}: truncated (a signed checkpoint names a longer chain)`;
  if (v.reason === 'checkpoint mismatch')
    return (
      `first broken link at seq ${v.firstBrokenSeq}: checkpoint mismatch (the chain was rewritten ` +
      `after ${v.lastCheckpointSeq ? `seq ${v.lastCheckpointSeq}` : 'its start'} and its hashes recomputed)`
    );
  return `first broken link at seq ${v.firstBrokenSeq}: ${v.reason}`;
}
