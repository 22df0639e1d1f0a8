import { createPrivateKey, KeyObject } from 'node:crypto';

/** The audit sequencer's settings (worker). */
export interface AuditEnv {
  /** Run the sequencer in this process (worker only; one of all workers seals at a time). */
  sequencer: boolean;
  /** Unsealed rows sealed per statement. */
  sealBatch: number;
  /** Pause between looks for unsealed rows when there is no backlog. */
  sealIntervalMs: number;
  /** Ed25519 private key that signs checkpoints; unset: no checkpoints (development). */
  signingKey?: KeyObject;
  /** A checkpoint after this many new entries... */
  checkpointEvery: number;
  /** ...or this long after the previous one, whichever comes first (when there are new entries). */
  checkpointIntervalMs: number;
  /** JSON-lines file the checkpoints are appended to (ship it off the database host). */
  checkpointFile?: string;
}

type Raw = Record<string, string | undefined>;
type IntReader = (name: string, fallback: number, min: number, max: number) => number;

/**
 * An Ed25519 private key given as PEM (newlines may be written `\n`) or as base64 of the PKCS#8
 * DER (what `npm run audit:keygen` prints).
 */
export function parsePrivateKey(text: string): KeyObject {
  const t = text.trim().replace(/\\n/g, '\n');
  const key = t.startsWith('-----')
    ? createPrivateKey(t)
    : createPrivateKey({ key: Buffer.from(t, 'base64'), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`not an Ed25519 key (${key.asymmetricKeyType})`);
  return key;
}

export function loadAuditEnv(raw: Raw, int: IntReader, problems: string[]): AuditEnv {
  const sequencer = (raw.AUDIT_SEQUENCER?.trim() || 'on').toLowerCase();
  if (!['on', 'off'].includes(sequencer)) problems.push('AUDIT_SEQUENCER must be on or off');
  let signingKey: KeyObject | undefined;
  const keyText = raw.AUDIT_SIGNING_KEY?.trim();
  if (keyText) {
    try {
      signingKey = parsePrivateKey(keyText);
    } catch (e) {
      // Never echo the key itself.
      problems.push(`AUDIT_SIGNING_KEY is not an Ed25519 private key: ${(e as Error).message}`);
    }
  }
  const checkpointFile = raw.AUDIT_CHECKPOINT_FILE?.trim() || undefined;
  if (checkpointFile && !keyText)
    problems.push('AUDIT_CHECKPOINT_FILE needs AUDIT_SIGNING_KEY (checkpoints are signed)');
  return {
    sequencer: sequencer !== 'off',
    sealBatch: int('AUDIT_SEAL_BATCH', 5000, 1, 20_000),
    sealIntervalMs: int('AUDIT_SEAL_INTERVAL_MS', 200, 10, 60_000),
    signingKey,
    checkpointEvery: int('AUDIT_CHECKPOINT_EVERY', 10_000, 1, 100_000_000),
    checkpointIntervalMs: int('AUDIT_CHECKPOINT_INTERVAL_MS', 60_000, 100, 86_400_000),
    checkpointFile,
  };
}
