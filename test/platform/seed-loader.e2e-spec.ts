import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSeedIfPresent } from '../../src/embedded/seed-loader';
import { createTestDatabase } from '../harness/test-db';

// Child processes and database clones are slow on a busy machine; jest.config's per-project
// testTimeout is not applied (it is a global option), so set it here.
jest.setTimeout(60_000);

/** The demo loads src/seed/seed.ts from the build at run time, when the build has it. */
describe('demo seed loader', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dir: string;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'enlace-seed-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  afterAll(() => db.drop());

  const writeSeed = (source: string) => {
    mkdirSync(join(dir, 'seed'));
    writeFileSync(join(dir, 'seed', 'seed.js'), source);
  };

  it('reports a build without a seed and does nothing', async () => {
    expect(await runSeedIfPresent(db.url, dir)).toBe(false);
  });

  it('calls runSeed with an initialized data source on the migrated database', async () => {
    writeSeed(`exports.runSeed = async (ds) => {
      await ds.query("CREATE TABLE seed_probe AS SELECT count(*)::int AS n FROM schema_migrations");
    };`);
    expect(await runSeedIfPresent(db.url, dir)).toBe(true);
    const { Client } = await import('pg');
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      expect((await c.query('SELECT n FROM seed_probe')).rows[0].n).toBeGreaterThan(0);
    } finally {
      await c.end();
    }
  });

  it('fails clearly when the seed module does not export runSeed', async () => {
    writeSeed('exports.seed = async () => undefined;');
    await expect(runSeedIfPresent(db.url, dir)).rejects.toThrow(/does not export runSeed\(dataSource\)/);
  });
});
