import IORedis, { Redis, RedisOptions } from 'ioredis';

/**
 * A Redis connection for BullMQ. Workers need `maxRetriesPerRequest: null` (blocking commands);
 * producers get a bounded retry so an API request fails fast instead of hanging when Redis is down.
 */
export function redisConnection(url: string, role: 'producer' | 'worker' | 'client'): Redis {
  const opts: RedisOptions = {
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role !== 'client',
    connectTimeout: 3000,
    lazyConnect: false,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  };
  const conn = new IORedis(url, opts);
  // Connection errors are reported by health checks and retried by ioredis; an unhandled
  // 'error' event would otherwise crash the process.
  conn.on('error', () => undefined);
  return conn;
}
