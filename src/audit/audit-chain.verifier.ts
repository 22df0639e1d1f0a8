import { entryHash, GENESIS_HASH, HashedFields, linkHash } from '../audit-trail/audit-hash';

/** One sealed audit entry as the chain stores it. */
export interface ChainRow extends HashedFields {
  prevHash: string;
  hash: string;
}

/**
 * One sealed entry with its canonical text rendered by the database (`CANONICAL_TAIL_SQL`) instead of
 * its columns: what the fast reader returns.
 */
export interface ChainLink {
  seq: string;
  prevHash: string;
  hash: string;
  canonical: string;
}

/** Reads up to `limit` sealed entries with seq > `afterSeq`, in seq order (keyset: constant memory). */
export type ChainBatchReader = (afterSeq: string, limit: number) => Promise<(ChainRow | ChainLink)[]>;

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
  /**
   * The entry at `seq` with its columns: asked for when a `ChainLink` does not match through the
   * database's rendering, so that `entryHash` decides (without it, the link is a mismatch).
   */
  entryAt?: (seq: string) => Promise<ChainRow | undefined>;
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
  // entryHash decides. A link rendered by the database that matches has the same bytes by
  // construction; one that does not is read again with its columns (after the read-ahead
  // settles: one query at a time on a connection).
  const intact = (row: ChainRow | ChainLink): boolean =>
    'canonical' in row
      ? linkHash(row.prevHash, row.canonical) === row.hash
      : entryHash(row.prevHash, row) === row.hash;
  const intactByColumns = async (row: ChainRow | ChainLink): Promise<boolean> => {
    if (!('canonical' in row) || !options.entryAt) return false;
    await next?.catch(() => undefined);
    const full = await options.entryAt(row.seq);
    return (
      !!full &&
      full.seq === row.seq &&
      full.prevHash === row.prevHash &&
      full.hash === row.hash &&
      entryHash(full.prevHash, full) === full.hash
    );
  };
  // The next batch is asked for before this one is hashed: the database reads and renders it
  // while Node hashes. One query at a time still (it is awaited before any other is sent).
  let next: Promise<(ChainRow | ChainLink)[]> | undefined = read('0', batchSize);
  const settle = async () => {
    await next?.catch(() => undefined);
    next = undefined;
  };
  for (;;) {
    const rows: (ChainRow | ChainLink)[] = await next!;
    next = rows.length < batchSize ? undefined : read(rows[rows.length - 1].seq, batchSize);
    for (const row of rows) {
      const broken = async (reason: BrokenLinkReason) => (await settle(), verdict({ seq: row.seq, reason }));
      if (BigInt(row.seq) !== expected) return broken('gap');
      if (row.prevHash !== prevHash) return broken('prev_hash mismatch');
      if (!intact(row) && !(await intactByColumns(row))) return broken('hash mismatch');
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
    if (!next) break;
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
