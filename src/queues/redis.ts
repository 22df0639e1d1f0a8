import IORedis, { Cluster, Redis, RedisOptions } from 'ioredis';
import type { Env } from '../config/env';

/** One Redis server, or a Redis Cluster (REDIS_CLUSTER=true). */
export type RedisConnection = Redis | Cluster;

/**
 * A Redis connection for BullMQ. Workers need `maxRetriesPerRequest: null` (blocking commands);
 * producers get a bounded retry so an API request fails fast instead of hanging when Redis is down.
 * With REDIS_CLUSTER=true, REDIS_URL lists seed nodes and the connection is an ioredis Cluster
 * client (the queue prefix then carries a hash tag, checked in env.ts).
 */
export function redisConnection(
  env: Pick<Env, 'redisUrl' | 'redisCluster'>,
  role: 'producer' | 'worker' | 'client',
): RedisConnection {
  const opts: RedisOptions = {
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role !== 'client',
    connectTimeout: 3000,
    lazyConnect: false,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  };
  const conn = env.redisCluster ? clusterConnection(env.redisUrl, opts) : new IORedis(env.redisUrl, opts);
  // Connection errors are reported by health checks and retried by ioredis; an unhandled
  // 'error' event would otherwise crash the process.
  conn.on('error', () => undefined);
  return conn;
}

function clusterConnection(seeds: string, opts: RedisOptions): Cluster {
  const urls = seeds.split(',').map((s) => new URL(s.trim()));
  const first = urls[0];
  return new Cluster(
    urls.map((u) => ({ host: u.hostname, port: Number(u.port || 6379) })),
    {
      enableOfflineQueue: opts.enableOfflineQueue,
      clusterRetryStrategy: opts.retryStrategy,
      redisOptions: {
        ...opts,
        username: first.username ? decodeURIComponent(first.username) : undefined,
        password: first.password ? decodeURIComponent(first.password) : undefined,
        tls: first.protocol === 'rediss:' ? {} : undefined,
      },
    },
  );
}
