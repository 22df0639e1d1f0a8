import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import type { Actor } from '../../src/common/actor';
import { AccessTokenService } from '../../src/auth/access-token.service';
import { Clock } from '../../src/common/clock';
import { AppModule } from '../../src/app.module';
import { configureHttpApp, createFastifyAdapter } from '../../src/http-app';
import { dropQueueKeys } from '../../src/queues/queue-keys';
import { QueueService } from '../../src/queues/queue.service';
import { createTestDatabase } from './test-db';
import { testEnv } from './test-env';

export interface TestApp {
  app: NestFastifyApplication;
  env: Record<string, string>;
  dataSource: DataSource;
  clock: Clock;
  queues: QueueService;
  /** Signs an access token for an actor (bypasses login; for route tests). */
  tokenFor(actor: Actor): string;
  /** `supertest`-free HTTP: inject a request into Fastify. */
  request(
    method: string,
    url: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Record<string, any> }>;
  close(): Promise<void>;
}

/**
 * An API instance on its own cloned database and queue prefix. `env` is also what a worker child
 * process for this test should get (see worker-process.ts), so both share state.
 */
export async function createTestApp(
  opts: { env?: Record<string, string>; module?: unknown } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const env = testEnv(db.url, opts.env);
  const saved = { ...process.env };
  Object.assign(process.env, env);
  const moduleRef = await Test.createTestingModule({
    imports: [(opts.module ?? AppModule) as never],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), {
    logger: ['error'],
  });
  configureHttpApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const tokens = app.get(AccessTokenService);
  const close = async () => {
    await app.close();
    process.env = saved;
    await db.drop();
    // A test that stopped its own Redis has nothing to clean on the shared one.
    await dropQueueKeys(env.REDIS_URL, env.QUEUE_PREFIX).catch(() => undefined);
  };
  return {
    app,
    env,
    dataSource: app.get(DataSource),
    clock: app.get(Clock),
    queues: app.get(QueueService),
    tokenFor: (actor) => tokens.sign(actor),
    async request(method, url, o = {}) {
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      const res = await app.inject({ method: method as never, url, headers, payload: o.body as never });
      let body: unknown = res.body;
      try {
        body = res.body ? JSON.parse(res.body) : undefined;
      } catch {
        // not JSON (CSV, metrics)
      }
      return { status: res.statusCode, body, headers: res.headers };
    },
    close,
  };
}
