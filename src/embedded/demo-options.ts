import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ConfigError } from '../config/env';

/** Settings of `npm run demo` (the API and worker still read their own, see src/config/env.ts). */
export interface DemoOptions {
  /** Where PGlite keeps its files and the generated JWT secret; null keeps everything in memory. */
  dataDir: string | null;
  /** Ports of the embedded services; 0 picks a free one. */
  pgPort: number;
  redisPort: number;
  apiPort: number;
  seed: 'auto' | 'always' | 'never';
  databaseUrl?: string;
  redisUrl?: string;
}

type Raw = Record<string, string | undefined>;

export function demoOptions(raw: Raw, root: string): DemoOptions {
  const problems: string[] = [];
  const port = (name: string, fallback: number): number => {
    const v = raw[name]?.trim();
    if (!v) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 65535) {
      problems.push(`${name} must be a port number, 0 for any free port (got "${v}")`);
      return fallback;
    }
    return n;
  };
  const seed = raw.DEMO_SEED?.trim() || 'auto';
  if (!['auto', 'always', 'never'].includes(seed))
    problems.push(`DEMO_SEED must be auto, always or never (got "${seed}")`);
  const dir = raw.DEMO_DATA_DIR?.trim() || '.demo-data';
  const opts: DemoOptions = {
    dataDir: dir === 'memory' ? null : isAbsolute(dir) ? dir : join(root, dir),
    pgPort: port('DEMO_PG_PORT', 0),
    redisPort: port('DEMO_REDIS_PORT', 0),
    apiPort: port('PORT', 3000),
    seed: seed as DemoOptions['seed'],
    databaseUrl: raw.DATABASE_URL?.trim() || undefined,
    redisUrl: raw.REDIS_URL?.trim() || undefined,
  };
  if (problems.length) throw new ConfigError(problems);
  return opts;
}

/**
 * The JWT secret for the demo's processes: JWT_SECRET when set, otherwise one generated once and
 * kept in the data directory (so tokens survive a restart), or per run when in memory.
 */
export function demoJwtSecret(raw: Raw, dataDir: string | null): string {
  const given = raw.JWT_SECRET?.trim();
  if (given) return given;
  const fresh = randomBytes(32).toString('base64url');
  if (!dataDir) return fresh;
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, fresh, { mode: 0o600 });
  return fresh;
}

/**
 * The Ed25519 key the demo's audit sequencer signs checkpoints with: AUDIT_SIGNING_KEY when set,
 * otherwise one generated once and kept in the data directory (mode 600), or per run in memory.
 * So the demo seals its audit chain with checkpoints, as production should, instead of warning.
 */
export function demoAuditSigningKey(raw: Raw, dataDir: string | null): string {
  const given = raw.AUDIT_SIGNING_KEY?.trim();
  if (given) return given;
  const fresh = () =>
    generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  if (!dataDir) return fresh();
  const file = join(dataDir, 'audit-signing-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = fresh();
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

/** A URL fit for a log line: the password replaced. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
