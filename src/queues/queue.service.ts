import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';
import { JobDef, QueueName } from './job-catalog';
import { redisConnection, RedisConnection } from './redis';

/** Producer side of the queues, available in both processes. */
@Injectable()
export class QueueService implements OnApplicationShutdown {
  private readonly connection: RedisConnection;
  private readonly queues = new Map<QueueName, Queue>();

  constructor(@Inject(ENV) private readonly env: Env) {
    this.connection = redisConnection(env, 'producer');
  }

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.connection, prefix: this.env.queuePrefix });
      q.on('error', () => undefined);
      this.queues.set(name, q);
    }
    return q;
  }

  allQueues(): Queue[] {
    return Object.values(QueueName).map((n) => this.queue(n));
  }

  /** Adds a job directly. Anything that must survive a Redis outage goes through the outbox instead. */
  add<P>(def: JobDef<P>, payload: P, opts: JobsOptions = {}) {
    return this.queue(def.queue).add(def.name, payload, { ...def.defaults, ...opts });
  }

  /** Redis answers PING; fails at once while the connection is lost (no wait for a reconnect). */
  async ping(): Promise<boolean> {
    if (['reconnecting', 'close', 'end'].includes(this.connection.status))
      throw new Error(`redis connection ${this.connection.status}`);
    return (await this.connection.ping()) === 'PONG';
  }

  async onApplicationShutdown(): Promise<void> {
    // With Redis away, closing a queue waits for a reconnect that may never come.
    if (this.connection.status === 'ready') {
      await Promise.race([
        Promise.allSettled([...this.queues.values()].map((q) => q.close())),
        new Promise((r) => setTimeout(r, 2000).unref()),
      ]);
    }
    this.connection.disconnect();
  }
}
