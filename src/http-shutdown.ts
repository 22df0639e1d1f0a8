import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Server } from 'node:http';
import { Logger } from '@nestjs/common';
import type { Env } from './config/env';
import { Lifecycle } from './observability/lifecycle';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The API's graceful stop on SIGTERM or SIGINT (one signal; later ones are ignored):
 *
 * 1. `draining`: /health/ready answers 503 so load balancers stop routing here; requests are
 *    still served normally for SHUTDOWN_DRAIN_MS, each answer with `Connection: close`.
 * 2. `closing`: the listener closes (no new connections) and idle keep-alive connections are
 *    closed. Requests in flight finish with their normal answer (and `Connection: close`);
 *    a request that still arrives on an open connection gets 503 problem+json
 *    SERVICE_UNAVAILABLE with `Connection: close` (http-app.ts hooks).
 * 3. Once every connection has closed, or SHUTDOWN_TIMEOUT_MS after step 2 (then the remaining
 *    connections are cut), the application closes: the database pools and Redis connections.
 *    Exit code 0, or 1 when the timeout cut requests short.
 *
 * A stop grace period (Kubernetes terminationGracePeriodSeconds, compose stop_grace_period)
 * must exceed SHUTDOWN_DRAIN_MS + SHUTDOWN_TIMEOUT_MS.
 */
export function installGracefulShutdown(
  app: NestFastifyApplication,
  env: Pick<Env, 'shutdownDrainMs' | 'shutdownTimeoutMs'>,
): void {
  const logger = new Logger('Shutdown');
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    stopApi(app, env, logger, signal).then(
      (code) => process.exit(code),
      (e: unknown) => {
        logger.error({ err: { message: (e as Error)?.message } }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** Runs the stop sequence; resolves with the exit code. */
export async function stopApi(
  app: NestFastifyApplication,
  env: Pick<Env, 'shutdownDrainMs' | 'shutdownTimeoutMs'>,
  logger: Pick<Logger, 'log' | 'warn'>,
  signal: string,
): Promise<number> {
  const lifecycle = app.get(Lifecycle);
  const server = app.getHttpServer() as Server;
  lifecycle.phase = 'draining';
  logger.log(`${signal}: draining for ${env.shutdownDrainMs} ms (readiness 503)`);
  await sleep(env.shutdownDrainMs);

  lifecycle.phase = 'closing';
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  logger.log(`listener closed: waiting up to ${env.shutdownTimeoutMs} ms for requests in flight`);
  const deadline = Date.now() + env.shutdownTimeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const finished = await Promise.race([
    closed.then(() => true),
    new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), env.shutdownTimeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (!finished) {
    logger.warn('requests still in flight at SHUTDOWN_TIMEOUT_MS: closing their connections');
    server.closeAllConnections();
  }
  // The pools and Redis connections; bounded too, so a dead dependency cannot hold the exit.
  const closedApp = await Promise.race([
    app.close().then(() => true),
    sleep(Math.max(1000, deadline - Date.now())).then(() => false),
  ]);
  if (!closedApp) logger.warn('closing the database pools and Redis connections timed out');
  logger.log('stopped');
  return finished && closedApp ? 0 : 1;
}
