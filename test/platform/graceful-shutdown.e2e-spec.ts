import { Agent, request } from 'node:http';
import { connect, Socket } from 'node:net';
import { Client } from 'pg';
import { ApiProcess, startApi } from '../harness/api-process';
import { newChildRegistration, seedCaseworker } from '../harness/seed-caseworker';
import { createTestDatabase } from '../harness/test-db';
import { testEnv } from '../harness/test-env';
import { dropQueueKeys } from '../../src/queues/queue-keys';

jest.setTimeout(120_000);

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function get(url: string, agent: Agent | undefined, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Whether a new TCP connection to the port is still accepted. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** Reads one HTTP response off a raw socket (the server closes it after answering). */
function readAll(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let out = '';
    socket.setEncoding('utf8');
    socket.on('data', (d) => (out += d));
    socket.on('close', () => resolve(out));
  });
}

/**
 * The built API process stopped with SIGTERM while requests are in flight: they are held by a
 * table lock the test takes, so they are still waiting on PostgreSQL when the signal arrives.
 */
describe('graceful API shutdown', () => {
  let api: ApiProcess;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let env: Record<string, string>;
  let lock: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    env = testEnv(db.url, { SHUTDOWN_DRAIN_MS: '1500', SHUTDOWN_TIMEOUT_MS: '20000', DB_POOL_SIZE: '10' });
    api = await startApi(env);
    lock = new Client({ connectionString: db.url });
    lock.on('error', () => undefined);
    await lock.connect();
  });

  afterAll(async () => {
    await api?.stop('SIGKILL');
    await lock?.end().catch(() => undefined);
    await db?.drop();
    await dropQueueKeys(env.REDIS_URL, env.QUEUE_PREFIX).catch(() => undefined);
  });

  it('drains, finishes the requests in flight, refuses late ones with a problem, then exits 0', async () => {
    const { agencyId, token } = await seedCaseworker(db.url);
    const auth = { authorization: `Bearer ${token}` };
    const registered = await fetch(`${api.url}/api/v1/cases`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(newChildRegistration(agencyId)),
    });
    expect(registered.status).toBe(201);

    // Four keep-alive connections, used once so they are open and idle.
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    await Promise.all([1, 2, 3, 4].map(() => get(`${api.url}/health/live`, agent)));

    // Hold them: the case list waits for the lock the test holds.
    await lock.query('BEGIN');
    await lock.query('LOCK TABLE case_file IN ACCESS EXCLUSIVE MODE');
    let answered = 0;
    const inFlight = [1, 2, 3, 4].map(() =>
      get(`${api.url}/api/v1/cases?limit=5`, agent, auth).finally(() => answered++),
    );
    for (let i = 0; ; i++) {
      const { rows } = await lock.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
      );
      if (rows[0].n > 0) break;
      if (i > 150) throw new Error('no request waits on the lock');
      await sleep(100);
    }
    await sleep(1000);
    expect(answered).toBe(0);
    // A client that has begun a request on an open connection and completes it late.
    const late = connect(api.port, '127.0.0.1');
    await new Promise((r) => late.once('connect', r));
    const lateAnswer = readAll(late);
    late.write('GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: en\r\n');

    const signalled = Date.now();
    api.proc.kill('SIGTERM');
    await sleep(200);

    // Draining: readiness is 503 so the load balancer stops routing; requests are still served,
    // each answer closing its connection.
    const ready = await get(`${api.url}/health/ready`, undefined);
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body).status).toBe('draining');
    const live = await get(`${api.url}/health/live`, undefined);
    expect([live.status, live.headers.connection]).toEqual([200, 'close']);

    // Then the listener closes (no sooner than SHUTDOWN_DRAIN_MS).
    for (let i = 0; (await accepts(api.port)) && i < 100; i++) await sleep(100);
    expect(await accepts(api.port)).toBe(false);
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(1400);
    expect(api.proc.exitCode).toBeNull();

    // The late request on the open connection: 503 problem+json, Connection: close.
    late.write('\r\n');
    const raw = await lateAnswer;
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 503 /);
    expect(head).toMatch(/\r\ncontent-type: application\/problem\+json/i);
    expect(head).toMatch(/\r\nconnection: close/i);
    expect(head).toMatch(/\r\nretry-after: 1/i);
    expect(JSON.parse(body)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });

    // Release the lock: every request in flight completes with its normal answer.
    expect(answered).toBe(0);
    await lock.query('COMMIT');
    const answers = await Promise.all(inFlight);
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.headers.connection).toBe('close');
      expect(JSON.parse(a.body).items).toHaveLength(1);
    }
    expect(await api.exited).toBe(0);
    agent.destroy();
  });
});
