import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConfigError, type Env } from '../config/env';
import { ENV } from '../config/env.module';

/** The group role whose privileges the API and worker use (migrations/1795003100000-AppRole.ts). */
export const APP_GROUP_ROLE = 'enlace_app';

export interface ConnectionRole {
  user: string;
  superuser: boolean;
  /** Owns (or is a member of the owner of) a table of the schema. */
  ownsTables: boolean;
  appMember: boolean;
}

/**
 * Why this connection must not serve production, or null. As a superuser or the tables' owner
 * the process could disable the audit trail's triggers and rewrite it; as a member of
 * enlace_app it may only append to the trail.
 */
export function connectionRoleProblem(r: ConnectionRole): string | null {
  const fix =
    `in production the API and worker must connect as a login role that is a member of ${APP_GROUP_ROLE} ` +
    'and owns nothing (create it with `npm run db:app-login`; keep the owner for `npm run migration:run`).';
  if (r.superuser) return `DATABASE_URL connects as "${r.user}", a superuser: ${fix}`;
  if (r.ownsTables) return `DATABASE_URL connects as "${r.user}", which owns the tables: ${fix}`;
  if (!r.appMember)
    return `DATABASE_URL connects as "${r.user}", which is not a member of ${APP_GROUP_ROLE}: ${fix}`;
  return null;
}

export async function connectionRole(ds: { query: DataSource['query'] }): Promise<ConnectionRole> {
  const [row] = (await ds.query(
    `SELECT current_user AS "user", r.rolsuper AS superuser,
       EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
                 AND pg_has_role(current_user, c.relowner, 'MEMBER')) AS "ownsTables",
       CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)
            THEN pg_has_role(current_user, $1, 'MEMBER') ELSE false END AS "appMember"
     FROM pg_roles r WHERE r.rolname = current_user`,
    [APP_GROUP_ROLE],
  )) as ConnectionRole[];
  return row;
}

/** Refuses to start a production process whose database connection could rewrite the audit trail. */
@Injectable()
export class DatabaseRoleCheck implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.env.nodeEnv !== 'production') return;
    const problem = connectionRoleProblem(await connectionRole(this.ds));
    if (problem) throw new ConfigError([problem]);
  }
}
