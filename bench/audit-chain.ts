import 'reflect-metadata';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { Actor } from '../src/common/actor';
import { Role } from '../src/common/role';
import { verifyChain } from '../src/audit/audit-chain.verifier';
import { readChainEntry, readChainLinks } from '../src/audit/audit.repository';
import { ChainSealer } from '../src/audit-trail/audit-sequencer';
import { AuditService } from '../src/audit-trail/audit.service';
import type { Clock } from '../src/common/clock';
import { dataSourceOptions } from '../src/database/data-source-options';
import { migrate } from '../src/database/migrate';
import { PG_ADMIN_URL, adminQuery } from './bench-services';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

/**
 * The audit trail's three rates: appends (`writers` at once through AuditService.recordAlone, as
 * reads and denials write: their own commit, shared with the entries that arrive together), sealing a backlog (the sequencer, batches of 5,000, with signed
 * checkpoints), and verification. During the appends a sequencer runs as in the worker (poll every
 * 200 ms, at once while batches are full) and the seal lag (age of the oldest unsealed entry) is
 * sampled.
 */
async function main(): Promise<void> {
  const entries = Number(process.argv[2] ?? 20000);
  const concurrency = Number(process.argv[3] ?? 8);
  const name = `enlace_bench_audit_${randomBytes(4).toString('hex')}`;
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;

  await adminQuery(`CREATE DATABASE ${name}`);
  const ds = new DataSource({ ...dataSourceOptions(url.toString(), concurrency + 2), migrations: [] });
  // The audit writer's own pool as the API has it (AUDIT_POOL_SIZE, default 2): entries written
  // on their own go through it, and those that arrive together share an INSERT and a commit.
  const auditPool = new DataSource({
    ...dataSourceOptions(url.toString(), Number(process.env.AUDIT_POOL_SIZE ?? 2)),
    migrations: [],
  });
  const sealerDb = new Client({ connectionString: url.toString() });
  const probe = new Client({ connectionString: url.toString() });
  try {
    await migrate(url.toString(), 'run');
    await ds.initialize();
    await auditPool.initialize();
    await sealerDb.connect();
    await probe.connect();
    const clock = { now: () => new Date() } as Clock;
    const audit = new AuditService(auditPool, clock);
    // Each statement on the audit pool is one INSERT in its own commit: count them.
    let auditInserts = 0;
    const poolQuery = auditPool.query.bind(auditPool);
    auditPool.query = ((...args: Parameters<DataSource['query']>) => {
      auditInserts++;
      return poolQuery(...args);
    }) as DataSource['query'];
    const actors: Actor[] = Array.from({ length: 50 }, (_, i) => ({
      userId: randomUUID(),
      role: [Role.Caseworker, Role.Supervisor, Role.ReferralFocalPoint][i % 3],
      agencyId: randomUUID(),
      countryCode: ['GT', 'HN', 'SV', 'MX'][i % 4],
      language: 'es',
    }));
    const caseIds = Array.from({ length: 500 }, () => randomUUID());
    const append = async (n: number) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < n) {
            const i = next++;
            const caseId = caseIds[i % caseIds.length];
            await audit.recordAlone({
              actor: actors[i % actors.length],
              action: i % 5 ? 'case.read' : 'case.update',
              subjectType: 'Case',
              subjectId: caseId,
              caseId,
              fields: i % 5 ? ['operational', 'identifying'] : ['riskLevel'],
            });
          }
        }),
      );
    };
    // Anchor: the same INSERT into a bare copy of the table (no trigger, no index but the key),
    // by 8 pg clients without the framework: the commit rate this machine allows right now.
    await ds.query('CREATE TABLE bench_anchor (LIKE audit_entry INCLUDING DEFAULTS)');
    const anchorClients = await Promise.all(
      Array.from({ length: concurrency }, async () => {
        const c = new Client({ connectionString: url.toString() });
        c.on('error', () => undefined); // the database is dropped at the end
        await c.connect();
        return c;
      }),
    );
    let anchorNext = 0;
    const anchorStarted = process.hrtime.bigint();
    await Promise.all(
      anchorClients.map(async (c) => {
        while (anchorNext < entries) {
          const i = anchorNext++;
          await c.query(
            `INSERT INTO bench_anchor (id, occurred_at, actor_user_id, actor_role, action, subject_type, subject_id, case_id, fields, outcome)
             VALUES ($1, now(), $2, 'caseworker', 'case.read', 'Case', $3::text, $3::uuid, '{operational}', 'allowed')`,
            [i, actors[i % actors.length].userId, caseIds[i % caseIds.length]],
          );
        }
      }),
    );
    const anchorSeconds = seconds(anchorStarted);
    await Promise.all(anchorClients.map((c) => c.end()));
    await ds.query('DROP TABLE bench_anchor');

    const { privateKey } = generateKeyPairSync('ed25519');
    const sealer = new ChainSealer({ privateKey, every: 10_000, intervalMs: 60_000 });

    // 1. Appends with the sequencer running alongside; the seal lag sampled every 20 ms.
    let appending = true;
    let maxLag = 0;
    const sequencer = (async () => {
      while (appending) {
        const r = await sealer.sealBatch(sealerDb, 5000);
        if (r.sealed < 5000) await new Promise((res) => setTimeout(res, 200));
      }
    })();
    const sampler = (async () => {
      while (appending) {
        const { rows } = await probe.query(
          `SELECT COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - (SELECT occurred_at FROM audit_entry
             WHERE seq IS NULL ORDER BY id LIMIT 1)), 0)::float8 AS lag`,
        );
        maxLag = Math.max(maxLag, rows[0].lag as number);
        await new Promise((res) => setTimeout(res, 20));
      }
    })();
    let started = process.hrtime.bigint();
    await append(entries);
    const appendSeconds = seconds(started);
    const commits = auditInserts;
    appending = false;
    await Promise.all([sequencer, sampler]);
    await sealer.sealAll(sealerDb);

    // 2. A backlog sealed at once (the sequencer was down, or a burst).
    await append(entries);
    started = process.hrtime.bigint();
    const sealed = await sealer.sealAll(sealerDb, 5000);
    const sealSeconds = seconds(started);
    if (sealed !== entries) throw new Error(`sealed ${sealed} of ${entries}`);

    // 3. Verification of the whole chain (2 × entries), after reading it once without hashing:
    // the database's share (read and render the links), the bound of the verification.
    // Through one plain session and batches of 20,000, as `npm run audit:verify` reads.
    const db = { query: async (sql: string, params?: unknown[]) => (await probe.query(sql, params)).rows };
    started = process.hrtime.bigint();
    for (let after = '0'; ;) {
      const links = await readChainLinks(db, after, 20000);
      if (links.length < 20000) break;
      after = links[links.length - 1].seq;
    }
    const readSeconds = seconds(started);
    started = process.hrtime.bigint();
    const verdict = await verifyChain((after, n) => readChainLinks(db, after, n), 20000, {
      entryAt: (seq) => readChainEntry(db, seq),
    });
    const verifySeconds = seconds(started);
    if (!verdict.ok || verdict.checked !== 2 * entries)
      throw new Error(`unexpected verdict ${JSON.stringify(verdict)} for ${2 * entries} entries`);

    console.log(`audit chain benchmark (${entries} entries per phase, ${concurrency} concurrent writers)`);
    console.log(
      `  append : ${fmt(entries / appendSeconds)} entries/s (${appendSeconds.toFixed(2)} s, ${commits} commits for ${entries} entries; target ≥ 5,000)`,
    );
    console.log(
      `  anchor : ${fmt(entries / anchorSeconds)} bare INSERT commits/s (pg, no framework, no trigger); append/anchor = ${(anchorSeconds / appendSeconds).toFixed(2)}`,
    );
    console.log(`  seal lag during the appends: max ${maxLag.toFixed(3)} s (target < 1 s)`);
    console.log(
      `  seal   : ${fmt(sealed / sealSeconds)} entries/s (${sealed} in ${sealSeconds.toFixed(2)} s, batches of 5,000; target ≥ 20,000)`,
    );
    console.log(
      `  verify : ${fmt(verdict.checked / verifySeconds)} rows/s (${verdict.checked} in ${verifySeconds.toFixed(2)} s, chain OK; target ≥ 100,000)`,
    );
    console.log(
      `  read   : ${fmt(verdict.checked / readSeconds)} links/s read without hashing (the database's share); verify/read = ${(readSeconds / verifySeconds).toFixed(2)}`,
    );
  } finally {
    await sealerDb.end().catch(() => undefined);
    await probe.end().catch(() => undefined);
    if (ds.isInitialized) await ds.destroy();
    if (auditPool.isInitialized) await auditPool.destroy();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
