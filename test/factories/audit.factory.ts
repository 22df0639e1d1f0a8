import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';

export interface EntryRow {
  seq: string;
  action: string;
  outcome: string;
  actor_user_id: string | null;
  actor_role: string | null;
  actor_country_code: string | null;
  subject_type: string | null;
  subject_id: string | null;
  case_id: string | null;
  fields: string[];
  request_id: string | null;
}

/** Audit rows matching a SQL condition (values as $1..), oldest first. */
export async function auditRows(ds: DataSource, where = 'TRUE', params: unknown[] = []): Promise<EntryRow[]> {
  return (await ds.query(`SELECT * FROM audit_entry WHERE ${where} ORDER BY seq`, params)) as EntryRow[];
}

/**
 * Runs statements as the superuser with triggers off (`session_replication_role = replica`):
 * how a tamper test rewrites rows the database otherwise refuses to change.
 */
export async function asTamperer(databaseUrl: string, ...statements: string[]): Promise<void> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query('SET session_replication_role = replica');
    for (const s of statements) await c.query(s);
  } finally {
    await c.end();
  }
}

/** `npm run audit:verify` against a database: its exit code and output. */
export function runVerifyCommand(
  databaseUrl: string,
  batch?: number,
): Promise<{ code: number; out: string }> {
  const cli = join(__dirname, '..', '..', 'dist', 'src', 'audit', 'audit-verify.js');
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
  if (batch) env.AUDIT_VERIFY_BATCH = String(batch);
  return new Promise((resolve) => {
    execFile(process.execPath, [cli], { env }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 2) : 0;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });
}
