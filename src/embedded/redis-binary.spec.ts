import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRedisBinary, RedisBinaryMissing } from './redis-binary';

describe('findRedisBinary', () => {
  let dir: string;
  let fake: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'redis-bin-'));
    fake = join(dir, 'redis-server');
    writeFileSync(fake, '#!/bin/sh\n');
    chmodSync(fake, 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const pkg = (binary: string) => {
    const file = join(dir, `package-${binary.length}.json`);
    writeFileSync(file, JSON.stringify({ redisMemoryServer: { systemBinary: binary } }));
    return file;
  };

  it('takes REDISMS_SYSTEM_BINARY, then redis-server on PATH, then package.json', () => {
    expect(findRedisBinary({ REDISMS_SYSTEM_BINARY: fake, PATH: '/nowhere' })).toBe(fake);
    expect(findRedisBinary({ PATH: `/nowhere:${dir}` }, pkg('/missing/redis-server'))).toBe(fake);
    expect(findRedisBinary({ PATH: '/nowhere' }, pkg(fake))).toBe(fake);
  });

  it('never falls back to a download: it says to install Redis or set REDIS_URL', () => {
    const run = () => findRedisBinary({ PATH: '/nowhere' }, pkg('/missing/redis-server'));
    expect(run).toThrow(RedisBinaryMissing);
    expect(run).toThrow(/redis-server on PATH, \/missing\/redis-server/);
    expect(run).toThrow(/Install Redis .* or set REDIS_URL to a running Redis/);
  });

  it('does not look further when REDISMS_SYSTEM_BINARY names a missing file', () => {
    expect(() => findRedisBinary({ REDISMS_SYSTEM_BINARY: '/missing/redis', PATH: dir })).toThrow(
      /looked at REDISMS_SYSTEM_BINARY=\/missing\/redis\)/,
    );
  });
});
