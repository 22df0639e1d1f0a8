import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { QueueService } from '../queues/queue.service';
import { MetricsService } from './metrics.service';

export interface DependencyCheck {
  status: 'up' | 'down';
  ms: number;
}

export interface DependencyChecks {
  database: DependencyCheck;
  redis: DependencyCheck;
}

/** How long a dependency may take to answer a health check before it counts as down. */
export const HEALTH_CHECK_TIMEOUT_MS = 2000;

/** `p`, or a rejection once `ms` have passed. */
export const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), ms);
    }),
  ]).finally(() => clearTimeout(timer));
};

/**
 * Asks PostgreSQL (SELECT 1) and Redis (PING) whether they answer, for the health routes of both
 * processes, and keeps `enlace_dependency_up{dependency}` (1 up, 0 down) current: set by every
 * check and refreshed at each scrape.
 */
@Injectable()
export class DependencyHealth {
  private readonly up: Gauge<'dependency'>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    metrics: MetricsService,
  ) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    this.up = new Gauge({
      name: 'enlace_dependency_up',
      help: 'Whether a dependency answered its last health check (1) or not (0), by dependency',
      labelNames: ['dependency'],
      registers: [metrics.registry],
      async collect() {
        await self.check();
      },
    });
  }

  async check(): Promise<DependencyChecks> {
    const [database, redis] = await Promise.all([
      this.probe(() => this.dataSource.query('SELECT 1')),
      this.probe(() => this.queues.ping()),
    ]);
    this.up.set({ dependency: 'database' }, database.status === 'up' ? 1 : 0);
    this.up.set({ dependency: 'redis' }, redis.status === 'up' ? 1 : 0);
    return { database, redis };
  }

  private async probe(fn: () => Promise<unknown>): Promise<DependencyCheck> {
    const t = Date.now();
    try {
      await withTimeout(fn(), HEALTH_CHECK_TIMEOUT_MS);
      return { status: 'up', ms: Date.now() - t };
    } catch {
      return { status: 'down', ms: Date.now() - t };
    }
  }
}
