import { adminQuery, dbUrl, uniqueName } from './services';

/** A fresh database cloned from the migrated template, dropped by `drop()`. */
export async function createTestDatabase(): Promise<{
  name: string;
  url: string;
  drop: () => Promise<void>;
}> {
  const template = process.env.ENLACE_TEMPLATE_DB;
  if (!template)
    throw new Error('ENLACE_TEMPLATE_DB is not set: run integration tests through jest (global setup).');
  const name = uniqueName('enlace_t');
  await adminQuery(`CREATE DATABASE ${name} WITH TEMPLATE ${template}`);
  return {
    name,
    url: dbUrl(name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
