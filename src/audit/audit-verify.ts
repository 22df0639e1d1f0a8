import { readFile } from 'node:fs/promises';
import type { KeyObject } from 'node:crypto';
import { Client } from 'pg';
import {
  Checkpoint,
  checkpointSignatureValid,
  parsePublicKey,
  readCheckpointFile,
} from '../audit-trail/audit-checkpoint';
import { CheckpointRef, describeVerdict, verifyChain } from './audit-chain.verifier';
import { countUnsealed, readChainEntry, readChainLinks, readCheckpoints } from './audit.repository';

/**
 * `npm run audit:verify`: walks the audit chain of DATABASE_URL in seq order, in keyset batches
 * (constant memory for any length), checks it against the signed checkpoints, and prints
 * `audit chain OK: N entries` or the first broken link. Exit code 0 when intact, 1 when broken,
 * 2 on a usage or connection error.
 *
 * - AUDIT_VERIFY_BATCH: batch size (default 20000; the next batch is read while one is hashed).
 * - AUDIT_PUBLIC_KEY (PEM or base64 SPKI DER) or AUDIT_PUBLIC_KEY_FILE (PEM): the checkpoints'
 *   public key. Without it, checkpoints are not checked (a warning says so).
 * - AUDIT_CHECKPOINT_FILE: the checkpoint file (a copy kept away from the database); the
 *   checkpoints of the `audit_checkpoint` table are checked too.
 */
async function publicKey(): Promise<KeyObject | undefined> {
  const text = process.env.AUDIT_PUBLIC_KEY?.trim();
  if (text) return parsePublicKey(text);
  const file = process.env.AUDIT_PUBLIC_KEY_FILE?.trim();
  if (file) return parsePublicKey(await readFile(file, 'utf8'));
  return undefined;
}

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is required');
    return 2;
  }
  const batch = Number(process.env.AUDIT_VERIFY_BATCH ?? 20000);
  if (!Number.isInteger(batch) || batch < 1) {
    console.error('AUDIT_VERIFY_BATCH must be a positive integer');
    return 2;
  }
  const key = await publicKey();
  const file = process.env.AUDIT_CHECKPOINT_FILE?.trim();
  const fromFile = file ? await readCheckpointFile(file) : { checkpoints: [], bad: 0 };
  if (fromFile.bad) console.log(`checkpoint file: ${fromFile.bad} line(s) that do not parse`);

  // One plain session, no ORM: the walk is a few large reads, and the ORM's per-query work
  // showed as about a fifth of the time.
  const client = new Client({ connectionString: url, application_name: 'enlace-audit-verify' });
  await client.connect();
  const db = { query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows };
  try {
    const started = process.hrtime.bigint();
    const unsealed = await countUnsealed(db);
    const fromTable = await readCheckpoints(db);
    let checkpoints: CheckpointRef[] | undefined;
    if (key) {
      const all = new Map<string, CheckpointRef>();
      const add = (c: Checkpoint) => {
        const ref = { seq: c.seq, hash: c.hash, signatureValid: checkpointSignatureValid(key, c) };
        const seen = all.get(c.seq);
        if (!seen) all.set(c.seq, ref);
        // The same position twice (file and table) with another hash: report it, whoever signed.
        else if (!ref.signatureValid || ref.hash !== seen.hash)
          all.set(c.seq, { ...ref, signatureValid: false });
      };
      fromFile.checkpoints.forEach(add);
      fromTable.forEach(add);
      checkpoints = [...all.values()];
    } else if (fromFile.checkpoints.length || fromTable.length) {
      console.log('checkpoints NOT checked: set AUDIT_PUBLIC_KEY or AUDIT_PUBLIC_KEY_FILE');
    }
    const verdict = await verifyChain((after, n) => readChainLinks(db, after, n), batch, {
      checkpoints,
      unsealed,
      entryAt: (seq) => readChainEntry(db, seq),
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(describeVerdict(verdict));
    if (verdict.headSeq)
      console.log(
        `last intact entry: seq ${verdict.headSeq} hash ${verdict.headHash} (${seconds.toFixed(2)} s)`,
      );
    if (checkpoints)
      console.log(
        `signed checkpoints: ${verdict.checkpoints} of ${checkpoints.length} matched` +
          (verdict.lastCheckpointSeq ? `, last at seq ${verdict.lastCheckpointSeq}` : '') +
          ` (file: ${fromFile.checkpoints.length}, table: ${fromTable.length})`,
      );
    console.log(`unsealed entries at the start: ${unsealed} (not yet in the chain)`);
    return verdict.ok ? 0 : 1;
  } finally {
    await client.end();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
