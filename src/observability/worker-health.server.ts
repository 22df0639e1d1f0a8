import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, Server, ServerResponse } from 'node:http';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';
import { WorkerService } from '../queues/worker.service';
import { DependencyHealth } from './dependency-health';
import { Lifecycle } from './lifecycle';
import { MetricsService } from './metrics.service';

/**
 * The worker's health, on WORKER_HEALTH_PORT when set (the worker has no other HTTP server):
 *
 * - `GET /health/live`: 200 while the process runs (its event loop answers).
 * - `GET /health/ready`: 200 when Redis answers PING, every queue consumer runs and no shutdown
 *   has begun; 503 otherwise. The worker cannot take or finish a job without Redis. PostgreSQL is
 *   reported too (jobs that need it are retried by BullMQ), but does not make the worker unready.
 * - `GET /metrics`: the worker's Prometheus metrics (`enlace_dependency_up`, queue depths, Node).
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHealthServer.name);
  private server?: Server;

  constructor(
    @Inject(ENV) private readonly env: Env,
    private readonly health: DependencyHealth,
    private readonly lifecycle: Lifecycle,
    private readonly workers: WorkerService,
    private readonly metrics: MetricsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.env.workerHealthPort;
    if (!port) return;
    const server = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      if (req.method !== 'GET') return send(res, 405, { status: 'method not allowed' });
      if (path === '/health/live') return send(res, 200, { status: 'ok' });
      if (path === '/health/ready') {
        void this.ready().then(
          ({ ok, body }) => send(res, ok ? 200 : 503, body),
          () => send(res, 503, { status: 'unavailable' }),
        );
        return;
      }
      if (path === '/metrics') {
        void this.metrics.registry.metrics().then(
          (text) => res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(text),
          () => send(res, 500, { status: 'error' }),
        );
        return;
      }
      send(res, 404, { status: 'not found' });
    });
    // Probes are short; do not let a stuck client hold the server open at shutdown.
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '0.0.0.0', () => resolve());
    });
    this.server = server;
    this.logger.log(`worker health on port ${port}`);
  }

  private async ready(): Promise<{ ok: boolean; body: Record<string, unknown> }> {
    const checks = await this.health.check();
    const consumers = this.workers.consumersRunning();
    const status = this.lifecycle.stopping
      ? 'stopping'
      : checks.redis.status !== 'up' || !consumers
        ? 'unavailable'
        : checks.database.status !== 'up'
          ? 'degraded'
          : 'ok';
    return { ok: status === 'ok' || status === 'degraded', body: { status, consumers, checks } };
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
