import { createTestApp, TestApp } from '../harness/test-app';
import { freePort, OwnRedis, startOwnRedis } from '../harness/own-services';
import { startWorker, WorkerProcess } from '../harness/worker-process';

jest.setTimeout(120_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function probe(url: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
}

/**
 * Readiness with a Redis the test owns, stopped: the API can still serve (PostgreSQL answers), so
 * it stays ready and reports Redis down as degraded, in the body and in a metric; the worker
 * cannot work without Redis, so its probe says unhealthy; and a worker signalled while Redis is
 * down still stops, promptly and cleanly.
 */
describe('health when Redis is down', () => {
  let redis: OwnRedis;
  let t: TestApp;
  let worker: WorkerProcess;
  let healthPort: number;

  beforeAll(async () => {
    redis = await startOwnRedis();
    healthPort = await freePort();
    t = await createTestApp({ env: { REDIS_URL: redis.url } });
    worker = await startWorker({
      ...t.env,
      WORKER_HEALTH_PORT: String(healthPort),
      SHUTDOWN_TIMEOUT_MS: '10000',
    });
  });

  afterAll(async () => {
    await worker?.kill();
    // Redis back first, so the in-process app's clients can close (and its queue keys go).
    await redis?.start();
    await t?.close();
    await redis?.stop();
  });

  it('keeps the API ready (degraded) and makes the worker unhealthy, then both recover', async () => {
    const workerUrl = `http://127.0.0.1:${healthPort}`;
    const apiReady = await t.request('GET', '/health/ready');
    expect([apiReady.status, apiReady.body.status]).toEqual([200, 'ok']);
    expect(await probe(`${workerUrl}/health/ready`)).toMatchObject({ status: 200, body: { status: 'ok' } });

    await redis.stop();
    await sleep(500);

    const degraded = await t.request('GET', '/health/ready');
    expect(degraded.status).toBe(200);
    expect(degraded.body).toMatchObject({
      status: 'degraded',
      checks: { database: { status: 'up' }, redis: { status: 'down' } },
    });
    const metrics = await t.request('GET', '/metrics');
    expect(metrics.body).toMatch(/^enlace_dependency_up\{dependency="redis"\} 0$/m);
    expect(metrics.body).toMatch(/^enlace_dependency_up\{dependency="database"\} 1$/m);

    const unhealthy = await probe(`${workerUrl}/health/ready`);
    expect(unhealthy).toMatchObject({
      status: 503,
      body: { status: 'unavailable', checks: { redis: { status: 'down' } } },
    });
    // Alive all the same: restarting it would not bring Redis back.
    expect((await probe(`${workerUrl}/health/live`)).status).toBe(200);

    await redis.start();
    let back = 0;
    for (let i = 0; i < 50 && back !== 200; i++) {
      await sleep(200);
      back = (await probe(`${workerUrl}/health/ready`)).status;
    }
    expect(back).toBe(200);
    const ok = await t.request('GET', '/health/ready');
    expect(ok.body.status).toBe('ok');
    const upAgain = await t.request('GET', '/metrics');
    expect(upAgain.body).toMatch(/^enlace_dependency_up\{dependency="redis"\} 1$/m);
  });

  it('stops the worker within SHUTDOWN_TIMEOUT_MS, exit code 0, when Redis was killed before SIGTERM', async () => {
    await redis.stop();
    await sleep(500);
    const started = Date.now();
    const code = await worker.stop('SIGTERM');
    const took = Date.now() - started;
    expect({ code, underTimeout: took < 10_000 }).toEqual({ code: 0, underTimeout: true });
  });
});
