import { INestApplication, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { Env, loadEnv } from './config/env';
import { CommonErrors } from './common/errors/common.errors';
import { pickLang } from './common/errors/lang';
import { ProblemFilter, renderProblem } from './common/errors/problem.filter';
import { appValidationPipe } from './common/errors/validation.pipe';
import { requestContext } from './common/request-context';
import { ReadRetryInterceptor } from './database/read-retry.interceptor';
import { requestIdOf } from './observability/logging.module';
import { Lifecycle } from './observability/lifecycle';
import { MetricsService } from './observability/metrics.service';
import { committedOpenApiDocument } from './openapi/committed-document';

/**
 * Builds the HTTP API (used by main.ts, the demo and the e2e tests), without listening.
 * `module` lets tests pass AppModule with overrides.
 */
export async function createHttpApp(
  module: unknown = AppModule,
  opts: { logger?: boolean } = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(module as never, createFastifyAdapter(), {
    bufferLogs: true,
    abortOnError: false,
  });
  if (opts.logger !== false) app.useLogger(app.get(Logger));
  configureHttpApp(app);
  await app.init();
  return app;
}

/**
 * Fastify with a 1 MiB body limit and request ids taken from X-Request-Id when well-formed.
 * X-Forwarded-* is believed only from TRUST_PROXY peers: request.ip keys the login rate limit.
 */
export function createFastifyAdapter(env: Pick<Env, 'trustProxy'> = loadEnv()): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: 1_048_576,
    trustProxy: env.trustProxy,
    genReqId: (raw: IncomingMessage) => {
      const id = requestIdOf(raw);
      (raw as IncomingMessage & { id?: string }).id = id;
      return id;
    },
  });
}

export function configureHttpApp(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsService);
  fastify.addHook('onRequest', (req, reply, done) => {
    void reply.header('x-request-id', req.id);
    requestContext.run({ requestId: String(req.id), ip: req.ip }, done);
  });
  const lifecycle = app.get(Lifecycle);
  // Graceful shutdown (http-shutdown.ts): once the listener is closed, a request still arriving on
  // an open keep-alive connection is refused with a problem; while stopping, every answer closes
  // its connection so clients reconnect elsewhere.
  fastify.addHook('onRequest', (req, reply, done) => {
    if (lifecycle.phase !== 'closing') return done();
    const lang = pickLang(req.headers['accept-language']);
    void reply
      .status(503)
      .header('connection', 'close')
      .header('retry-after', '1')
      .header('content-type', 'application/problem+json; charset=utf-8')
      .header('content-language', lang)
      .send(renderProblem(CommonErrors.SERVICE_UNAVAILABLE(), lang, req.url.split('?')[0], String(req.id)));
  });
  fastify.addHook('onSend', (_req, reply, payload, done) => {
    if (lifecycle.stopping) void reply.header('connection', 'close');
    done(null, payload);
  });
  fastify.addHook('onResponse', (req, reply, done) => {
    metrics.httpDuration.observe(
      { method: req.method, route: req.routeOptions?.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(appValidationPipe());
  app.useGlobalInterceptors(new ReadRetryInterceptor());
  setupDocs(app);
}

/**
 * Serves openapi.json (the committed document, generated from the code by `npm run openapi:write`
 * and checked by `npm run openapi:check` in CI) at /docs and /docs/json. Building it needs the
 * TypeScript sources, which a production image does not carry, so the server never builds it.
 */
function setupDocs(app: INestApplication): void {
  const document = committedOpenApiDocument();
  if (!document) {
    new NestLogger('Docs').warn('openapi.json not found next to package.json: /docs is not served');
    return;
  }
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
}
