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

  async ping(): Promise<boolean> {
    return (await this.connection.ping()) === 'PONG';
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    this.connection.disconnect();
  }
}
