import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { ChainSealer, CheckpointPolicy } from '../../src/audit-trail/audit-sequencer';

export interface EntryRow {
  id: string;
  /** null until sealed (sealAudit). */
  seq: string | null;
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

/** Audit rows matching a SQL condition (values as $1..), oldest first (insertion order). */
export async function auditRows(ds: DataSource, where = 'TRUE', params: unknown[] = []): Promise<EntryRow[]> {
  return (await ds.query(`SELECT * FROM audit_entry WHERE ${where} ORDER BY id`, params)) as EntryRow[];
}

const AUDIT_TRIGGERS = ['audit_entry_no_update_delete', 'audit_entry_no_truncate'];

/**
 * Runs statements as the tables' owner with the append-only triggers disabled, in one
 * transaction that enables them again (ALWAYS) before it commits: how a tamper test rewrites rows
 * the database otherwise refuses to change. `session_replication_role = replica` no longer helps.
 */
export async function asTamperer(databaseUrl: string, ...statements: string[]): Promise<void> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query('BEGIN');
    for (const t of AUDIT_TRIGGERS) await c.query(`ALTER TABLE audit_entry DISABLE TRIGGER ${t}`);
    for (const s of statements) await c.query(s);
    for (const t of AUDIT_TRIGGERS) await c.query(`ALTER TABLE audit_entry ENABLE ALWAYS TRIGGER ${t}`);
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  } finally {
    await c.end();
  }
}

/** `npm run audit:verify` against a database: its exit code and output. */
export function runVerifyCommand(
  databaseUrl: string,
  batch?: number,
  extraEnv: Record<string, string> = {},
): Promise<{ code: number; out: string }> {
  const cli = join(__dirname, '..', '..', 'dist', 'src', 'audit', 'audit-verify.js');
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, ...extraEnv };
  if (batch) env.AUDIT_VERIFY_BATCH = String(batch);
  return new Promise((resolve) => {
    execFile(process.execPath, [cli], { env }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 2) : 0;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });
}

/**
 * Seals every committed audit row, as the worker's sequencer does (tests run the API only):
 * call it before reading `seq`, hashes or verifying. Returns how many rows it sealed.
 */
export async function sealAudit(databaseUrl: string, checkpoints?: CheckpointPolicy): Promise<number> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    return await new ChainSealer(checkpoints).sealAll(c);
  } finally {
    await c.end();
  }
}
