import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { adminQuery, dbUrl, uniqueName } from './services';

/**
 * Builds the schema once per test run with the real migrations (from the compiled build, as
 * production runs them) into a template database; each test file clones it.
 */
export default async function globalSetup(): Promise<void> {
  const root = join(__dirname, '..', '..');
  const migrate = join(root, 'dist', 'src', 'database', 'migrate.js');
  if (!existsSync(migrate))
    throw new Error('Run `npm run build` before the integration tests (npm test does it).');
  const template = uniqueName('enlace_tpl');
  await adminQuery(`CREATE DATABASE ${template}`);
  execFileSync(process.execPath, [migrate, 'run'], {
    env: { ...process.env, DATABASE_URL: dbUrl(template) },
    stdio: 'pipe',
  });
  // Templates must have no open connections when cloned.
  await adminQuery(`ALTER DATABASE ${template} WITH ALLOW_CONNECTIONS false`);
  process.env.ENLACE_TEMPLATE_DB = template;
}
