import { createHash, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/**
 * A signed statement "the chain had `seq` entries and its head hash was `hash` at `at`". The
 * sequencer signs it with the Ed25519 private key from its environment (never stored in the
 * database) and publishes it to an append-only file and to `audit_checkpoint`. Whoever holds
 * the public key can then tell a rewritten or truncated chain from the original, even when the
 * database's owner recomputed every hash.
 */
export interface Checkpoint {
  seq: string;
  hash: string;
  /** ISO 8601. */
  at: string;
  /** First 16 hex digits of sha256(public key, SPKI DER): which key signed. */
  keyId: string;
  /** base64 Ed25519 signature of `checkpointPayload`. */
  sig: string;
}

/** The bytes that are signed: a fixed field order, so the file's JSON layout does not matter. */
export function checkpointPayload(c: Pick<Checkpoint, 'seq' | 'hash' | 'at'>): Buffer {
  return Buffer.from(JSON.stringify(['enlace-audit-checkpoint-v1', c.seq, c.hash, c.at]));
}

export function keyIdOf(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(pub.export({ format: 'der', type: 'spki' }))
    .digest('hex')
    .slice(0, 16);
}

export function signCheckpoint(privateKey: KeyObject, seq: string, hash: string, at: Date): Checkpoint {
  const c = { seq, hash, at: at.toISOString() };
  return {
    ...c,
    keyId: keyIdOf(privateKey),
    sig: sign(null, checkpointPayload(c), privateKey).toString('base64'),
  };
}

export function checkpointSignatureValid(publicKey: KeyObject, c: Checkpoint): boolean {
  try {
    return verify(null, checkpointPayload(c), publicKey, Buffer.from(c.sig, 'base64'));
  } catch {
    return false;
  }
}

/** An Ed25519 public key as PEM (newlines may be written `\n`) or base64 of the SPKI DER. */
export function parsePublicKey(text: string): KeyObject {
  const t = text.trim().replace(/\\n/g, '\n');
  const key = t.startsWith('-----')
    ? createPublicKey(t)
    : createPublicKey({ key: Buffer.from(t, 'base64'), format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`not an Ed25519 key (${key.asymmetricKeyType})`);
  return key;
}

/** One line of the checkpoint file. */
export function checkpointLine(c: Checkpoint): string {
  return `${JSON.stringify({ seq: c.seq, hash: c.hash, at: c.at, keyId: c.keyId, sig: c.sig })}\n`;
}

/** Reads a checkpoint file (JSON lines); a line that does not parse is reported, not skipped. */
export async function readCheckpointFile(path: string): Promise<{ checkpoints: Checkpoint[]; bad: number }> {
  const text = await readFile(path, 'utf8');
  const checkpoints: Checkpoint[] = [];
  let bad = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const o = JSON.parse(line) as Partial<Checkpoint>;
      if (typeof o.seq !== 'string' || typeof o.hash !== 'string' || typeof o.at !== 'string')
        throw new Error('shape');
      checkpoints.push({
        seq: o.seq,
        hash: o.hash,
        at: o.at,
        keyId: String(o.keyId ?? ''),
        sig: String(o.sig ?? ''),
      });
    } catch {
      bad++;
    }
  }
  return { checkpoints, bad };
}
