import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source-options';
import { demoLog } from './demo-log';

type SeedModule = { runSeed?: (dataSource: DataSource) => Promise<void> };

/**
 * Runs `runSeed(dataSource)` from src/seed/seed.ts when the build contains it. The seed module is
 * optional for the platform, so it is looked up at run time rather than imported.
 */
export async function runSeedIfPresent(databaseUrl: string, distSrcDir: string): Promise<boolean> {
  const file = join(distSrcDir, 'seed', 'seed.js');
  if (!existsSync(file)) {
    demoLog(
      'no seed in this build (src/seed/seed.ts is missing): the database has the schema but no demo data',
    );
    return false;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as SeedModule;
  if (typeof mod.runSeed !== 'function') throw new Error(`${file} does not export runSeed(dataSource)`);
  const ds = new DataSource(dataSourceOptions(databaseUrl, 2));
  await ds.initialize();
  try {
    const started = Date.now();
    await mod.runSeed(ds);
    demoLog(`seeded demo data in ${Date.now() - started} ms`);
    return true;
  } finally {
    await ds.destroy();
  }
}
