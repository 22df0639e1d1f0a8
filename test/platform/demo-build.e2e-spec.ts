import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { staleReason } = require('../../scripts/build-if-stale.js') as {
  staleReason: (root: string) => string | null;
};
const DEMO = join(__dirname, '..', '..', 'dist', 'src', 'demo.js');

describe('npm run demo: build only when stale', () => {
  let root: string;
  const file = (p: string, secondsAgo: number) => {
    const f = join(root, p);
    mkdirSync(dirname(f), { recursive: true });
    writeFileSync(f, '');
    const t = Date.now() / 1000 - secondsAgo;
    utimesSync(f, t, t);
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'enlace-build-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('skips the build when every output is newer than every source, and names what changed otherwise', () => {
    file('src/cases/case.ts', 100);
    file('migrations/1-Init.ts', 100);
    expect(staleReason(root)).toBe('dist/src/demo.js does not exist');
    for (const o of ['demo', 'main', 'worker']) file(`dist/src/${o}.js`, 50);
    expect(staleReason(root)).toBeNull();
    file('src/referrals/referral.dto.ts', 10);
    expect(staleReason(root)).toBe('src/referrals/referral.dto.ts changed since the last build');
    file('dist/src/main.js', 5);
    expect(staleReason(root)).toMatch(/changed since the last build/); // the oldest output counts
    for (const o of ['demo', 'worker']) file(`dist/src/${o}.js`, 5);
    expect(staleReason(root)).toBeNull();
    file('tsconfig.build.json', 1);
    expect(staleReason(root)).toBe('tsconfig.build.json changed since the last build');
  });
});

describe('npm run demo without a redis-server', () => {
  it('says to install Redis or set REDIS_URL and exits non-zero before starting anything', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      REDISMS_SYSTEM_BINARY: '/nonexistent/redis-server',
      DEMO_DATA_DIR: 'memory',
    };
    delete env.REDIS_URL;
    delete env.DATABASE_URL;
    const started = Date.now();
    const proc = spawn(process.execPath, [DEMO], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((r) => proc.once('exit', r));
    expect(code).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(out).toContain(
      'demo | No redis-server found (looked at REDISMS_SYSTEM_BINARY=/nonexistent/redis-server)',
    );
    expect(out).toMatch(/Install Redis .*or set REDIS_URL to a running Redis/);
    expect(out).not.toMatch(/download|embedded PostgreSQL/i);
  });
});
