import { Client } from 'pg';
import { ensureAppLogin } from '../database/app-login';

export const DEMO_APP_LOGIN = 'enlace_demo';

/**
 * The demo's API and worker act as enlace_demo, a member of enlace_app, as production's do, so
 * the demo exercises the same privileges (append-only audit trail included). The role gets no
 * password: the owner's connection switches to it. On PostgreSQL the children's URL asks for
 * the switch at connect time; PGlite ignores that, but its one session is shared by every
 * connection, so switching it once here switches them all. Returns the children's URL.
 */
export async function demoAppLogin(ownerUrl: string, embedded: boolean): Promise<string> {
  const c = new Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    await ensureAppLogin(c, DEMO_APP_LOGIN, null);
    if (embedded) await c.query(`SET ROLE ${DEMO_APP_LOGIN}`);
  } finally {
    await c.end();
  }
  const url = new URL(ownerUrl);
  url.searchParams.set('options', `-c role=${DEMO_APP_LOGIN}`);
  return url.toString();
}
