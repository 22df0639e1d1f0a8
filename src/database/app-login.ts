import { APP_GROUP_ROLE } from './database-role';

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Creates (or updates) the login role the API and worker connect as: LOGIN, no other attribute,
 * a member of enlace_app. Run by the tables' owner or an administrator with CREATEROLE, after
 * the migrations (they create enlace_app). A null password leaves the current one.
 */
export async function ensureAppLogin(db: Queryable, name: string, password: string | null): Promise<void> {
  if (!ROLE_NAME.test(name)) throw new Error(`APP_DB_USER must be a plain role name (got "${name}")`);
  const exec = async (sql: string, params: unknown[]) => {
    // Role statements take no bind parameters: let the server quote the name and the password.
    const { rows } = await db.query(`SELECT format(${sql}) AS stmt`, params);
    await db.query(String(rows[0].stmt));
  };
  const { rows } = await db.query('SELECT rolsuper FROM pg_roles WHERE rolname = $1', [name]);
  if (!rows.length)
    // Roles are cluster-wide: another database's setup may create it at the same moment.
    await exec(`'CREATE ROLE %I LOGIN', $1::text`, [name]).catch((e: { code?: string }) => {
      if (e.code !== '42710' && e.code !== '23505') throw e;
    });
  else if (rows[0].rolsuper) throw new Error(`${name} is a superuser: choose another APP_DB_USER`);
  await exec(`'ALTER ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT', $1::text`, [name]);
  if (password !== null) await exec(`'ALTER ROLE %I WITH PASSWORD %L', $1::text, $2::text`, [name, password]);
  await exec(`'GRANT %I TO %I', $1::text, $2::text`, [APP_GROUP_ROLE, name]);
}
