import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConfigError, type Env } from '../config/env';
import { ENV } from '../config/env.module';
import { AUDIT_DATA_SOURCE } from './audit-data-source';

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
 * enlace_app it may only append to the trail. `roles` are the session's login role and, when it
 * switched with SET ROLE, the current one: both count, since a session can RESET ROLE.
 */
export function connectionRoleProblem(roles: ConnectionRole[]): string | null {
  const fix =
    `in production the API and worker must connect as a login role that is a member of ${APP_GROUP_ROLE} ` +
    'and owns nothing (create it with `npm run db:app-login`; keep the owner for `npm run migration:run`).';
  for (const r of roles) {
    if (r.superuser) return `DATABASE_URL connects as "${r.user}", a superuser: ${fix}`;
    if (r.ownsTables) return `DATABASE_URL connects as "${r.user}", which owns the tables: ${fix}`;
  }
  const current = roles[roles.length - 1];
  if (!current.appMember)
    return `DATABASE_URL connects as "${current.user}", which is not a member of ${APP_GROUP_ROLE}: ${fix}`;
  return null;
}

/** The facts of the session's login role, then of the current role if SET ROLE changed it. */
export async function connectionRoles(ds: { query: DataSource['query'] }): Promise<ConnectionRole[]> {
  return (await ds.query(
    `SELECT r.rolname AS "user", r.rolsuper AS superuser,
       EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
                 AND pg_has_role(r.oid, c.relowner, 'MEMBER')) AS "ownsTables",
       CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)
            THEN pg_has_role(r.oid, $1, 'MEMBER') ELSE false END AS "appMember"
     FROM pg_roles r WHERE r.rolname IN (session_user, current_user)
     ORDER BY r.rolname = current_user`,
    [APP_GROUP_ROLE],
  )) as ConnectionRole[];
}

/**
 * Refuses to start a production process whose database connections could rewrite the audit
 * trail: the request pool's and the audit writer's own (both from DATABASE_URL).
 */
@Injectable()
export class DatabaseRoleCheck implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    @InjectDataSource(AUDIT_DATA_SOURCE) private readonly auditDs: DataSource,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.env.nodeEnv !== 'production') return;
    for (const ds of [this.ds, this.auditDs]) {
      const problem = connectionRoleProblem(await connectionRoles(ds));
      if (problem) throw new ConfigError([problem]);
    }
  }
}
