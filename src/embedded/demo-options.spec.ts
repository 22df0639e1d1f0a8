import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config/env';
import { demoAuditSigningKey, demoJwtSecret, demoOptions, safeUrl } from './demo-options';

describe('demoOptions', () => {
  it('defaults to .demo-data under the project, any free service port, API on 3000, seeding a fresh database', () => {
    expect(demoOptions({}, '/repo')).toEqual({
      dataDir: '/repo/.demo-data',
      pgPort: 0,
      redisPort: 0,
      apiPort: 3000,
      seed: 'auto',
      databaseUrl: undefined,
      redisUrl: undefined,
    });
  });

  it('keeps everything in memory with DEMO_DATA_DIR=memory and reads the service URLs', () => {
    const o = demoOptions(
      {
        DEMO_DATA_DIR: 'memory',
        DATABASE_URL: 'postgres://x@h/db',
        REDIS_URL: 'redis://h:1',
        DEMO_SEED: 'never',
      },
      '/repo',
    );
    expect(o).toMatchObject({
      dataDir: null,
      databaseUrl: 'postgres://x@h/db',
      redisUrl: 'redis://h:1',
      seed: 'never',
    });
  });

  it('names every bad setting', () => {
    expect(() =>
      demoOptions({ DEMO_PG_PORT: 'x', DEMO_REDIS_PORT: '70000', DEMO_SEED: 'maybe' }, '/r'),
    ).toThrow(ConfigError);
    try {
      demoOptions({ DEMO_PG_PORT: 'x', DEMO_SEED: 'maybe' }, '/r');
    } catch (e) {
      expect((e as Error).message).toContain('DEMO_PG_PORT must be a port number');
      expect((e as Error).message).toContain('DEMO_SEED must be auto, always or never');
    }
  });
});

describe('demoJwtSecret', () => {
  it('prefers JWT_SECRET, otherwise generates one and keeps it in the data directory', () => {
    expect(demoJwtSecret({ JWT_SECRET: 'given' }, null)).toBe('given');
    const dir = mkdtempSync(join(tmpdir(), 'enlace-secret-'));
    try {
      const first = demoJwtSecret({}, dir);
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(demoJwtSecret({}, dir)).toBe(first);
      expect(readFileSync(join(dir, 'jwt-secret'), 'utf8')).toBe(first);
      expect(statSync(join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(demoJwtSecret({}, null)).not.toBe(demoJwtSecret({}, null));
  });
});

describe('safeUrl', () => {
  it('hides the password', () => {
    expect(safeUrl('postgres://u:secret@h:5432/db')).toBe('postgres://u:***@h:5432/db');
  });
});

describe('demoAuditSigningKey', () => {
  it('prefers AUDIT_SIGNING_KEY, otherwise generates an Ed25519 key kept in the data directory', () => {
    expect(demoAuditSigningKey({ AUDIT_SIGNING_KEY: 'given' }, null)).toBe('given');
    const dir = mkdtempSync(join(tmpdir(), 'enlace-audit-key-'));
    try {
      const first = demoAuditSigningKey({}, dir);
      expect(
        createPrivateKey({ key: Buffer.from(first, 'base64'), format: 'der', type: 'pkcs8' })
          .asymmetricKeyType,
      ).toBe('ed25519');
      expect(demoAuditSigningKey({}, dir)).toBe(first);
      expect(statSync(join(dir, 'audit-signing-key')).mode & 0o777).toBe(0o600);
      expect(demoAuditSigningKey({}, null)).not.toBe(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
