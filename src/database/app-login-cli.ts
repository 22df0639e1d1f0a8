import { Client } from 'pg';
import { ensureAppLogin } from './app-login';
import { APP_GROUP_ROLE } from './database-role';

/** `npm run db:app-login`: DATABASE_URL is the owner's; APP_DB_USER (default enlace_api), APP_DB_PASSWORD. */
if (require.main === module) {
  const url = process.env.DATABASE_URL;
  const name = process.env.APP_DB_USER?.trim() || 'enlace_api';
  const password = process.env.APP_DB_PASSWORD ?? '';
  if (!url || !password) {
    console.error('DATABASE_URL (the owner) and APP_DB_PASSWORD are required');
    process.exit(2);
  }
  const client = new Client({ connectionString: url });
  client
    .connect()
    .then(() => ensureAppLogin(client, name, password))
    .then(() => console.log(`Login role ${name} is a member of ${APP_GROUP_ROLE}.`))
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    })
    .finally(() => void client.end());
}
