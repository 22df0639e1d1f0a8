import { join } from 'node:path';
import { REDIS_URL, TEST_JWT_SECRET, uniqueName } from './services';

/** The environment a test's API and worker processes share: its own database and queue prefix. */
export function testEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    JWT_SECRET: TEST_JWT_SECRET,
    QUEUE_PREFIX: uniqueName('enlace-test'),
    CONFIG_DIR: join(__dirname, '..', '..', 'config'),
    LOG_LEVEL: 'warn',
    OUTBOX_POLL_MS: '50',
    DB_POOL_SIZE: '5',
    // A killed worker's jobs come back after seconds, not the production 30 s.
    WORKER_LOCK_MS: '5000',
    // Every injected request comes from 127.0.0.1: tests that sign in a lot must not hit the
    // per-address limit (test/identity tests it with a low one).
    LOGIN_RATE_LIMIT_PER_IP: '100000',
    // An API process a test stops need not wait for a load balancer.
    SHUTDOWN_DRAIN_MS: '0',
    ...extra,
  };
}
