import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client, Pool } from 'pg';

// Child processes and database clones are slow on a busy machine; jest.config's per-project
// testTimeout is not applied (it is a global option), so set it here.
jest.setTimeout(60_000);

const SERVE = join(__dirname, '..', '..', 'dist', 'src', 'embedded', 'pglite-serve.js');

/**
 * The embedded PostgreSQL shares PGlite's single session among connections. Two pools (as the
 * API and the worker have) must be able to interleave parameterised queries and transactions.
 * PGlite loads its WebAssembly through dynamic import, which Jest's module sandbox refuses, so the
 * server runs in a child process (the compiled build), as it does under `npm run demo`.
 */
describe('embedded PostgreSQL server', () => {
  let server: ChildProcess;
  let pg: { url: string };
  let pools: Pool[];

  beforeAll(async () => {
    server = spawn(process.execPath, [SERVE, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    pg = {
      url: await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout!.on('data', (d) => {
          out += d;
          const m = /listening (\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        server.once('exit', (code) => reject(new Error(`pglite-serve exited with ${code}`)));
      }),
    };
    pools = [0, 1].map(() => new Pool({ connectionString: pg.url, max: 4 }));
    await pools[0].query('CREATE TABLE t (id serial PRIMARY KEY, n int NOT NULL, who text NOT NULL)');
  }, 60_000);
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  });

  it('keeps each connection’s Parse/Bind/Execute together under concurrency', async () => {
    const errors: string[] = [];
    const work = Array.from({ length: 600 }, async (_, i) => {
      const pool = pools[i % 2];
      try {
        if (i % 10 === 0) {
          const c = await pool.connect();
          try {
            await c.query('BEGIN');
            await c.query('INSERT INTO t (n, who) VALUES ($1, $2)', [i, `p${i % 2}`]);
            const r = await c.query('SELECT count(*)::int AS c FROM t WHERE n = $1', [i]);
            if (r.rows[0].c !== 1) errors.push(`tx ${i} saw ${r.rows[0].c}`);
            await c.query('COMMIT');
          } finally {
            c.release();
          }
        } else if (i % 3) {
          const r = await pool.query('SELECT $1::int AS v', [i]);
          if (r.rows[0]?.v !== i) errors.push(`query ${i} got ${JSON.stringify(r.rows)}`);
        } else {
          const r = await pool.query('SELECT $2::text AS w, $1::int AS v', [i, `x${i}`]);
          if (r.rows[0]?.v !== i || r.rows[0]?.w !== `x${i}`)
            errors.push(`query ${i} got ${JSON.stringify(r.rows)}`);
        }
      } catch (e) {
        errors.push(`${i}: ${(e as Error).message}`);
      }
    });
    await Promise.all(work);
    expect(errors).toEqual([]);
    expect((await pools[0].query('SELECT count(*)::int AS c FROM t')).rows[0].c).toBe(60);
  });

  it('rolls back and frees the session when a client disconnects inside a transaction', async () => {
    const c = new Client({ connectionString: pg.url });
    await c.connect();
    await c.query('BEGIN');
    await c.query("INSERT INTO t (n, who) VALUES (-1, 'gone')");
    await c.end();
    const r = await pools[1].query('SELECT count(*)::int AS c FROM t WHERE n = -1');
    expect(r.rows[0].c).toBe(0);
  });

  it('serves other connections after a failed statement inside a transaction is rolled back', async () => {
    const c = await pools[0].connect();
    try {
      await c.query('BEGIN');
      await expect(c.query('INSERT INTO t (n, who) VALUES ($1, NULL)', [7])).rejects.toThrow(/null value/);
      const other = pools[1].query('SELECT 1 AS one');
      await c.query('ROLLBACK');
      expect((await other).rows).toEqual([{ one: 1 }]);
    } finally {
      c.release();
    }
  });

  it('rolls back a disconnected client whose transaction had failed', async () => {
    const c = new Client({ connectionString: pg.url });
    await c.connect();
    await c.query('BEGIN');
    await c.query("INSERT INTO t (n, who) VALUES (-2, 'gone')");
    await expect(c.query('SELECT 1/0')).rejects.toThrow(/division by zero/);
    await c.end();
    expect((await pools[1].query('SELECT count(*)::int AS c FROM t WHERE n = -2')).rows[0].c).toBe(0);
  });

  it('provides gen_random_uuid, pg_trgm and unaccent', async () => {
    await pools[0].query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
    await pools[0].query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await pools[0].query('CREATE EXTENSION IF NOT EXISTS unaccent');
    const r = await pools[0].query(
      `SELECT gen_random_uuid()::text AS id, unaccent('Peña') AS u, similarity('Mariana', 'Mariano') AS s`,
    );
    expect(r.rows[0].id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.rows[0].u).toBe('Pena');
    expect(r.rows[0].s).toBeGreaterThan(0.5);
  });
});
