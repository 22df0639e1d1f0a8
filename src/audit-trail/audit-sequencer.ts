import { appendFile } from 'node:fs/promises';
import type { KeyObject } from 'node:crypto';
import { Checkpoint, checkpointLine, signCheckpoint } from './audit-checkpoint';
import { CANONICAL_TAIL_SQL, canonicalText, GENESIS_HASH, linkHash } from './audit-hash';

/** What the sequencer needs of a connection: one session (node-postgres Client or PoolClient). */
export interface SealSession {
  query(sql: string, params?: unknown[]): Promise<{ rows: any[] }>;
}

export interface CheckpointPolicy {
  privateKey: KeyObject;
  /** Checkpoint after this many entries since the last one... */
  every: number;
  /** ...or after this long, when there are new entries. */
  intervalMs: number;
  /** Append each checkpoint to this JSON-lines file too (after the commit). */
  file?: string;
}

export interface SealResult {
  sealed: number;
  headSeq: string | null;
  headHash: string;
  checkpoint?: Checkpoint;
}

/** The session advisory lock of the sequencer's leader: "audq". */
export const SEQUENCER_LOCK = 0x61756471;

/**
 * The setting the audit_entry trigger requires to let a row be sealed (or a sealed row be
 * inserted). It is on only inside the SECURITY DEFINER function `audit_seal()` that the sequencer
 * calls (migration 1795010700000); see docs/audit.md.
 */
export const SEALER_SETTING = 'enlace.audit_sealer';

/** The oldest unsealed rows by insertion id, each as its canonical text after the position. */
const UNSEALED = `SELECT id, ${CANONICAL_TAIL_SQL} AS tail FROM audit_entry WHERE seq IS NULL ORDER BY id LIMIT $1`;

/**
 * Seals committed, unsealed audit rows in one transaction: the oldest `batch` by insertion id get
 * the next gap-free positions after the chain's head, their prev_hash and hash (audit-hash.ts),
 * in one statement (`audit_seal()`). The caller must be the only sealer (the leader: see AuditSequencerService); the unique
 * index on seq would make a second one fail rather than fork the chain.
 *
 * A checkpoint is signed and inserted in the same transaction when due, and appended to the
 * checkpoint file after the commit (so the file never names a head that was rolled back).
 */
export class ChainSealer {
  private lastCheckpoint?: { seq: bigint; at: number };
  private force = false;

  constructor(
    private readonly checkpoints?: CheckpointPolicy,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async sealBatch(db: SealSession, batch: number): Promise<SealResult> {
    await db.query('BEGIN ISOLATION LEVEL READ COMMITTED');
    let result: SealResult;
    try {
      const head = (
        await db.query('SELECT seq, hash FROM audit_entry WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1')
      ).rows[0] as { seq: string; hash: string } | undefined;
      let seq = head ? BigInt(head.seq) : 0n;
      let prevHash = head?.hash ?? GENESIS_HASH;
      const rows = (await db.query(UNSEALED, [batch])).rows as { id: string; tail: string }[];
      const ids: string[] = [];
      const seqs: string[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const row of rows) {
        seq += 1n;
        const position = String(seq);
        const hash = linkHash(prevHash, canonicalText(position, row.tail));
        ids.push(row.id);
        seqs.push(position);
        prevs.push(prevHash);
        hashes.push(hash);
        prevHash = hash;
      }
      if (rows.length) {
        const { rows: done } = await db.query(
          'SELECT audit_seal($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS n',
          [ids, seqs, prevs, hashes],
        );
        if (Number(done[0].n) !== rows.length) throw new Error(`sealed ${done[0].n} of ${rows.length} rows`);
      }
      const headSeq = seq ? String(seq) : null;
      result = { sealed: rows.length, headSeq, headHash: prevHash };
      if (headSeq) result.checkpoint = await this.checkpointIfDue(db, seq, prevHash);
      await db.query('COMMIT');
    } catch (e) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
    if (result.checkpoint) {
      const c = result.checkpoint;
      this.lastCheckpoint = { seq: BigInt(c.seq), at: Date.parse(c.at) };
      if (this.checkpoints?.file) await appendFile(this.checkpoints.file, checkpointLine(c), { flag: 'a' });
    }
    return result;
  }

  private async checkpointIfDue(db: SealSession, seq: bigint, hash: string): Promise<Checkpoint | undefined> {
    const policy = this.checkpoints;
    if (!policy) return undefined;
    if (!this.lastCheckpoint) {
      const [last] = (
        await db.query('SELECT seq, signed_at AS "at" FROM audit_checkpoint ORDER BY seq DESC LIMIT 1')
      ).rows as { seq: string; at: Date }[];
      this.lastCheckpoint = last ? { seq: BigInt(last.seq), at: last.at.getTime() } : { seq: 0n, at: 0 };
    }
    const now = this.now();
    const since = seq - this.lastCheckpoint.seq;
    if (since <= 0n) return undefined;
    if (
      !this.force &&
      since < BigInt(policy.every) &&
      now.getTime() - this.lastCheckpoint.at < policy.intervalMs
    )
      return undefined;
    const c = signCheckpoint(policy.privateKey, String(seq), hash, now);
    await db.query(
      `INSERT INTO audit_checkpoint (seq, head_hash, signed_at, key_id, signature) VALUES ($1, $2, $3, $4, $5)`,
      [c.seq, c.hash, c.at, c.keyId, c.sig],
    );
    return c;
  }

  /** Seals until no committed row is left unsealed; returns how many it sealed. */
  async sealAll(db: SealSession, batch = 5000): Promise<number> {
    let total = 0;
    for (;;) {
      const r = await this.sealBatch(db, batch);
      total += r.sealed;
      if (r.sealed < batch) return total;
    }
  }

  /**
   * Seals what is pending and signs a checkpoint of the head now, whatever the policy says
   * (shutdown, tests). Nothing new since the last checkpoint: none.
   */
  async checkpointNow(db: SealSession): Promise<Checkpoint | undefined> {
    this.force = true;
    try {
      return (await this.sealBatch(db, 5000)).checkpoint;
    } finally {
      this.force = false;
    }
  }
}
