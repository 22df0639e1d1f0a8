import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PingJob } from '../../src/queues/system.jobs';
import { eventually } from '../harness/queues';
import { createTestApp, TestApp } from '../harness/test-app';
import { startWorker, WorkerProcess } from '../harness/worker-process';

const run = promisify(execFile);
jest.setTimeout(150000);

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });

/** Three loopback ports whose cluster bus ports (+10000) are free too. */
async function clusterPorts(): Promise<number[]> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 30000);
    const ports = [base, base + 1, base + 2];
    const free = await Promise.all(ports.flatMap((p) => [portFree(p), portFree(p + 10000)]));
    if (free.every(Boolean)) return ports;
  }
  throw new Error('no free ports for a three-node cluster');
}

/**
 * BullMQ on a Redis Cluster: a local three-node cluster (no replicas) on loopback ports, the API
 * (in this process) and the real worker process both configured with REDIS_CLUSTER=true and a
 * hash-tagged QUEUE_PREFIX; a job enqueued by the API is processed by the worker.
 */
describe('queues on a Redis Cluster', () => {
  const dir = mkdtempSync(join(tmpdir(), 'enlace-redis-cluster-'));
  const nodes: ChildProcess[] = [];
  let ports: number[] = [];
  let t: TestApp;
  let worker: WorkerProcess;

  beforeAll(async () => {
    ports = await clusterPorts();
    for (const port of ports) {
      const proc = spawn(
        '/usr/bin/redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          `nodes-${port}.conf`,
          '--dir',
          dir,
          '--save',
          '',
          '--appendonly',
          'no',
        ],
        { stdio: 'ignore' },
      );
      nodes.push(proc);
    }
    for (const port of ports) {
      await eventually(
        () =>
          run('redis-cli', ['-p', String(port), 'ping']).then(
            (r) => r.stdout.trim(),
            () => '',
          ),
        (out) => out === 'PONG',
      );
    }
    await run('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((p) => `127.0.0.1:${p}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    for (const port of ports) {
      await eventually(
        () => run('redis-cli', ['-p', String(port), 'cluster', 'info']).then((r) => r.stdout),
        (out) => out.includes('cluster_state:ok'),
        20000,
      );
    }
    t = await createTestApp({
      env: {
        REDIS_CLUSTER: 'true',
        REDIS_URL: ports.map((p) => `redis://127.0.0.1:${p}`).join(','),
        QUEUE_PREFIX: `{enlace-cluster-${Date.now().toString(36)}}`,
      },
    });
    worker = await startWorker(t.env);
  });

  afterAll(async () => {
    await worker?.stop();
    await t?.close();
    await Promise.all(
      nodes.map(
        (n) =>
          new Promise<void>((resolve) => {
            if (n.exitCode !== null) return resolve();
            n.once('exit', () => resolve());
            n.kill('SIGTERM');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the cluster as ready', async () => {
    const res = await t.request('GET', '/health/ready');
    expect(res.status).toBe(200);
    expect(res.body.checks.redis.status).toBe('up');
  });

  it('processes a job enqueued by the API in the worker process, all keys of a queue in one slot', async () => {
    const job = await t.queues.add(PingJob, { sentAt: new Date().toISOString() });
    const state = await eventually(
      () => job.getState(),
      (s) => s === 'completed' || s === 'failed',
      30000,
    );
    expect(state).toBe('completed');
    // The keys live on the node that owns the hash tag's slot, and only there.
    const counts = await Promise.all(
      ports.map((p) =>
        run('redis-cli', ['-p', String(p), '--scan', '--pattern', `${t.env.QUEUE_PREFIX}:*`]).then(
          (r) => r.stdout.split('\n').filter(Boolean).length,
        ),
      ),
    );
    expect(counts.filter((n) => n > 0)).toHaveLength(1);
  });
});
