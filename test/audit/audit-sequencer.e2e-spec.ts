import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Actor } from '../../src/common/actor';
import { Role } from '../../src/common/role';
import { readCheckpointFile } from '../../src/audit-trail/audit-checkpoint';
import { entryHash } from '../../src/audit-trail/audit-hash';
import { ChainSealer, SEQUENCER_LOCK } from '../../src/audit-trail/audit-sequencer';
import { AuditService } from '../../src/audit-trail/audit.service';
import { verifyChain } from '../../src/audit/audit-chain.verifier';
import { readChainBatch } from '../../src/audit/audit.repository';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { asTamperer, auditRows, runVerifyCommand, sealAudit } from '../factories/audit.factory';
import { createTestApp, TestApp } from '../harness/test-app';
import { startWorker, WorkerProcess } from '../harness/worker-process';

const actor = (): Actor => ({
  userId: randomUUID(),
  role: Role.Caseworker,
  agencyId: randomUUID(),
  countryCode: 'GT',
  language: 'es',
});

const sqlState = (p: Promise<unknown>) =>
  p.then(
    () => 'succeeded',
    (e: { code?: string; message: string }) => `${e.code}: ${e.message}`,
  );

async function connect(url: string): Promise<Client> {
  const c = new Client({ connectionString: url });
  await c.connect();
  return c;
}

async function until(check: () => Promise<boolean>, ms = 15000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('audit sequencer: sealing committed rows into the chain', () => {
  let t: TestApp;
  let audit: AuditService;
  beforeAll(async () => {
    t = await createTestApp({ env: { DB_POOL_SIZE: '10' } });
    audit = t.app.get(AuditService);
  });
  afterAll(() => t?.close());

  it('seals committed rows in insertion order, in batches, continuing the head; an open transaction waits its turn', async () => {
    const a = actor();
    for (let i = 0; i < 7; i++)
      await audit.recordAlone({ actor: a, action: 'probe.first', subjectId: `${i}` });
    // A request transaction still open: its row is not committed, so it is not sealed yet.
    const open = await connect(t.env.DATABASE_URL);
    await open.query('BEGIN');
    await open.query(
      `INSERT INTO audit_entry (occurred_at, action, outcome) VALUES (now(), 'probe.open', 'allowed')`,
    );
    await audit.recordMany(t.dataSource.manager, [
      { actor: a, action: 'probe.after' },
      { actor: a, action: 'probe.after' },
    ]);
    const db = await connect(t.env.DATABASE_URL);
    try {
      const sealer = new ChainSealer();
      const first = await sealer.sealBatch(db, 4);
      expect(first).toMatchObject({ sealed: 4, headSeq: '4' });
      expect(await sealer.sealAll(db, 4)).toBe(5);
      let rows = await auditRows(t.dataSource);
      expect(rows.every((r) => r.seq !== null)).toBe(true);
      expect(rows.map((r) => r.action)).not.toContain('probe.open'); // not committed: invisible, unsealed
      await open.query('COMMIT');
      expect(await sealer.sealAll(db, 4)).toBe(1);
      rows = await auditRows(t.dataSource);
      const bySeq = [...rows].sort((x, y) => Number(x.seq) - Number(y.seq));
      expect(bySeq.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
      expect(bySeq[bySeq.length - 1].action).toBe('probe.open'); // committed last, sealed last
      const verdict = await verifyChain((after, n) => readChainBatch(t.dataSource, after, n), 3);
      expect(verdict).toMatchObject({ ok: true, checked: rows.length });
    } finally {
      await open.end();
      await db.end();
    }
  });

  it('rolls a request’s entries back with its change, and a list page appends in one statement', async () => {
    const tx = t.app.get(TransactionRunner);
    const a = actor();
    await expect(
      tx.run(async (m) => {
        await audit.recordMany(m, [
          { actor: a, action: 'probe.rolled_back' },
          { actor: a, action: 'probe.rolled_back' },
        ]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const ids = await tx.run(async (m) => {
      await audit.recordMany(
        m,
        Array.from({ length: 25 }, (_, i) => ({ actor: a, action: 'probe.page', subjectId: `${i}` })),
      );
      return (await m.query(`SELECT id FROM audit_entry WHERE action = 'probe.page' ORDER BY id`)) as {
        id: string;
      }[];
    });
    expect(ids).toHaveLength(25);
    expect(await auditRows(t.dataSource, `action = 'probe.rolled_back'`)).toHaveLength(0);
  });

  it('lets only the sequencer seal, once, and never changes a sealed row (triggers)', async () => {
    await audit.recordAlone({ actor: actor(), action: 'probe.guarded' });
    const [row] = await auditRows(t.dataSource, `action = 'probe.guarded'`);
    const su = await connect(t.env.DATABASE_URL);
    try {
      const seal = `UPDATE audit_entry SET seq = 100000, prev_hash = 'x', hash = 'y', sealed_at = now() WHERE id = ${row.id}`;
      // Not the sequencer's transaction: refused, even to the superuser.
      expect(await sqlState(su.query(seal))).toMatch(/^42501: audit_entry is append-only \(UPDATE refused\)/);
      expect(await sqlState(su.query(`DELETE FROM audit_entry WHERE id = ${row.id}`))).toMatch(
        /DELETE refused/,
      );
      expect(
        await sqlState(
          su.query(`INSERT INTO audit_entry (seq, occurred_at, action, outcome, prev_hash, hash, sealed_at)
                    VALUES (100001, now(), 'forged', 'allowed', 'a', 'b', now())`),
        ),
      ).toMatch(/^42501: audit_entry rows are sealed by the sequencer only/);
      // Only through audit_seal(), whose setting marks the sequencer's statement: even then, no
      // content may change while sealing.
      await su.query('BEGIN');
      await su.query(`SET LOCAL enlace.audit_sealer = 'on'`);
      expect(
        await sqlState(
          su.query(
            `UPDATE audit_entry SET action = 'x', seq = 100000, prev_hash = 'x', hash = 'y', sealed_at = now() WHERE id = ${row.id}`,
          ),
        ),
      ).toMatch(/UPDATE refused/);
      await su.query('ROLLBACK');
      await sealAudit(t.env.DATABASE_URL);
      await su.query('BEGIN');
      await su.query(`SET LOCAL enlace.audit_sealer = 'on'`);
      // Sealed once: not again.
      expect(await sqlState(su.query(`UPDATE audit_entry SET hash = 'z' WHERE id = ${row.id}`))).toMatch(
        /UPDATE refused/,
      );
      await su.query('ROLLBACK');
      expect(await sqlState(su.query(`TRUNCATE audit_entry`))).toMatch(/TRUNCATE refused/);
      expect(await sqlState(su.query(`TRUNCATE audit_checkpoint`))).toMatch(/TRUNCATE refused/);
    } finally {
      await su.end();
    }
  });

  it('reports the seal lag and backlog in /health/ready and /metrics', async () => {
    await sealAudit(t.env.DATABASE_URL);
    for (let i = 0; i < 3; i++) await audit.recordAlone({ actor: actor(), action: 'probe.backlog' });
    const ready = await t.request('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.auditSeal).toMatchObject({ unsealed: 3 });
    expect(ready.body.auditSeal.sealLagSeconds).toBeGreaterThanOrEqual(0);
    const metrics = await t.request('GET', '/metrics');
    expect(metrics.body).toMatch(/^enlace_audit_unsealed_entries 3$/m);
    expect(metrics.body).toMatch(/^enlace_audit_seal_lag_seconds [\d.e-]+$/m);
    await sealAudit(t.env.DATABASE_URL);
    expect((await t.request('GET', '/health/ready')).body.auditSeal).toMatchObject({
      unsealed: 0,
      sealLagSeconds: 0,
    });
  });
});

describe('audit sequencer in the workers: one leader, checkpoints, seal lag', () => {
  let t: TestApp;
  let dir: string;
  const workers: WorkerProcess[] = [];
  const keys = generateKeyPairSync('ed25519');
  const privateKey = keys.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  const publicKey = keys.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'enlace-audit-'));
    t = await createTestApp({
      env: {
        DB_POOL_SIZE: '10',
        AUDIT_SIGNING_KEY: privateKey,
        AUDIT_CHECKPOINT_FILE: join(dir, 'checkpoints.jsonl'),
        AUDIT_CHECKPOINT_EVERY: '50',
        AUDIT_CHECKPOINT_INTERVAL_MS: '500',
        AUDIT_SEAL_INTERVAL_MS: '50',
      },
    });
    workers.push(...(await Promise.all([startWorker(t.env), startWorker(t.env)])));
  }, 150_000);
  afterAll(async () => {
    for (const w of workers) await w.stop();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sequencerSessions = async () =>
    (
      await t.dataSource.query(
        `SELECT l.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'advisory' AND l.objid = $1 AND l.granted AND a.datname = current_database()`,
        [SEQUENCER_LOCK],
      )
    ).length as number;
  const unsealed = async () =>
    Number((await t.dataSource.query('SELECT count(*) AS n FROM audit_entry WHERE seq IS NULL'))[0].n);

  it('seals with exactly one worker, keeps the lag under a second under load, and fails over', async () => {
    await until(async () => (await sequencerSessions()) === 1);
    const tx = t.app.get(TransactionRunner);
    const audit = t.app.get(AuditService);
    const a = actor();
    let maxLag = 0;
    let writing = true;
    const sampler = (async () => {
      while (writing) {
        const [r] = await t.dataSource.query(
          `SELECT COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - (SELECT occurred_at FROM audit_entry
             WHERE seq IS NULL ORDER BY id LIMIT 1)), 0)::float8 AS lag`,
        );
        maxLag = Math.max(maxLag, r.lag);
        await new Promise((res) => setTimeout(res, 25));
      }
    })();
    // 8 writers, 2,000 entries, each its own committed transaction with its change.
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < 2000) {
          const i = next++;
          await tx.run((m) => audit.record(m, { actor: a, action: 'probe.load', subjectId: `${i}` }));
        }
      }),
    );
    await until(async () => (await unsealed()) === 0);
    writing = false;
    await sampler;
    expect(maxLag).toBeLessThan(1);
    expect(await sequencerSessions()).toBe(1);

    // The leader dies: the other worker takes over and seals what comes next.
    const leaderPid = Number(
      (
        await t.dataSource.query(
          `SELECT a.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.objid = $1 AND l.granted AND a.datname = current_database()`,
          [SEQUENCER_LOCK],
        )
      )[0].pid,
    );
    const leader = workers.find((w) => w.output().includes('leading the audit sequencer'))!;
    expect(workers.filter((w) => w.output().includes('leading the audit sequencer'))).toHaveLength(1);
    await leader.kill();
    await until(async () => {
      const alive = await t.dataSource.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [leaderPid]);
      return alive.length === 0;
    });
    for (let i = 0; i < 20; i++) await audit.recordAlone({ actor: a, action: 'probe.after_failover' });
    await until(async () => (await unsealed()) === 0);
    expect(await sequencerSessions()).toBe(1);
    const verdict = await verifyChain((after, n) => readChainBatch(t.dataSource, after, n));
    const total = Number((await t.dataSource.query('SELECT count(*) AS n FROM audit_entry'))[0].n);
    expect(verdict).toMatchObject({ ok: true, checked: total });
  }, 180_000);

  it('publishes signed checkpoints to the file and the table; verify checks the chain against them', async () => {
    const file = join(dir, 'checkpoints.jsonl');
    await until(async () => {
      const n = Number((await t.dataSource.query('SELECT count(*) AS n FROM audit_checkpoint'))[0].n);
      const head = (await t.dataSource.query('SELECT max(seq) AS s FROM audit_entry'))[0].s as string;
      const last = (await t.dataSource.query('SELECT max(seq) AS s FROM audit_checkpoint'))[0].s as string;
      return n > 1 && head === last;
    });
    const { checkpoints, bad } = await readCheckpointFile(file);
    expect(bad).toBe(0);
    const table = (await t.dataSource.query(
      'SELECT seq, head_hash AS hash FROM audit_checkpoint ORDER BY seq',
    )) as {
      seq: string;
      hash: string;
    }[];
    expect(checkpoints.map((c) => ({ seq: c.seq, hash: c.hash }))).toEqual(table);
    expect(readFileSync(file, 'utf8')).not.toContain(privateKey);

    const env = { AUDIT_PUBLIC_KEY: publicKey, AUDIT_CHECKPOINT_FILE: file };
    const ok = await runVerifyCommand(t.env.DATABASE_URL, 500, env);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(`signed checkpoints: ${table.length} of ${table.length} matched`);
    expect(ok.out).toMatch(/unsealed entries at the start: \d+/);
  });

  describe('tampering that only the checkpoints reveal', () => {
    const file = () => join(dir, 'checkpoints.jsonl');
    const env = () => ({ AUDIT_PUBLIC_KEY: publicKey, AUDIT_CHECKPOINT_FILE: file() });
    beforeAll(async () => {
      // The workers stop: the tamperer works on a quiet chain (the sequencer would seal on top).
      for (const w of workers) await w.stop();
    }, 60_000);

    it('detects a truncated tail: fewer entries than the last signed checkpoint', async () => {
      const cps = (await readCheckpointFile(file())).checkpoints;
      const last = BigInt(cps[cps.length - 1].seq);
      const cut = last - 2n;
      await asTamperer(
        t.env.DATABASE_URL,
        `CREATE TABLE saved_tail AS SELECT * FROM audit_entry WHERE seq > ${cut}`,
        `DELETE FROM audit_entry WHERE seq > ${cut}`,
      );
      // The links that remain hold.
      expect((await runVerifyCommand(t.env.DATABASE_URL)).code).toBe(0);
      const caught = await runVerifyCommand(t.env.DATABASE_URL, 100, env());
      expect(caught.code).toBe(1);
      expect(caught.out).toContain(`first broken link at seq ${cut + 1n}: truncated`);
      await asTamperer(
        t.env.DATABASE_URL,
        `INSERT INTO audit_entry SELECT * FROM saved_tail`,
        `DROP TABLE saved_tail`,
      );
      expect((await runVerifyCommand(t.env.DATABASE_URL, 100, env())).code).toBe(0);
    });

    it('detects a row rewritten by a superuser who recomputed the chain from there on', async () => {
      const cps = (await readCheckpointFile(file())).checkpoints;
      const target = 10n;
      const firstCovering = cps.find((c) => BigInt(c.seq) >= target)!;
      const rows = await readChainBatch(t.dataSource, String(target - 1n), 1_000_000);
      let prev = rows[0].prevHash;
      const statements: string[] = [];
      for (const r of rows) {
        const row = r.seq === String(target) ? { ...r, fields: ['sensitive'] } : r;
        const hash = entryHash(prev, row);
        statements.push(
          `UPDATE audit_entry SET fields = '{${row.fields.join(',')}}', prev_hash = '${prev}', hash = '${hash}' WHERE seq = ${r.seq}`,
        );
        prev = hash;
      }
      await asTamperer(t.env.DATABASE_URL, ...statements);
      // The links hold: without the signed checkpoints the rewrite goes unnoticed.
      const blind = await runVerifyCommand(t.env.DATABASE_URL);
      expect(blind.code).toBe(0);
      expect(blind.out).toContain('checkpoints NOT checked');
      const caught = await runVerifyCommand(t.env.DATABASE_URL, 100, env());
      expect(caught.code).toBe(1);
      expect(caught.out).toContain(`first broken link at seq ${firstCovering.seq}: checkpoint mismatch`);
    });

    it('refuses checkpoints that the public key did not sign', async () => {
      const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' });
      const forged = await runVerifyCommand(t.env.DATABASE_URL, 100, {
        AUDIT_PUBLIC_KEY: other.toString('base64'),
        AUDIT_CHECKPOINT_FILE: file(),
      });
      expect(forged.code).toBe(1);
      expect(forged.out).toContain('checkpoint signature invalid');
    });
  });
});
