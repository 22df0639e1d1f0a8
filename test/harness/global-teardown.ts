import { adminQuery } from './services';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.ENLACE_TEMPLATE_DB;
  if (!template) return;
  await adminQuery(`ALTER DATABASE ${template} WITH ALLOW_CONNECTIONS true`);
  await adminQuery(`DROP DATABASE IF EXISTS ${template}`);
}
