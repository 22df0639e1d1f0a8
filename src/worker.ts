import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadEnv } from './config/env';
import { Lifecycle } from './observability/lifecycle';
import { PolicyError } from './policy/policy-loader';
import { WorkerModule } from './worker.module';

/**
 * Worker entry point: queue processors, job schedulers and the outbox relay. On SIGTERM it stops
 * taking jobs, lets in-flight ones finish, then exits.
 */
async function bootstrap(): Promise<void> {
  const env = loadEnv();
  const app = await NestFactory.createApplicationContext(WorkerModule, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  await app.init();
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // The health server's readiness answers 503 from here on.
    app.get(Lifecycle).phase = 'closing';
    // A stuck job, or Redis gone so that nothing can be finished, must not keep a stopping
    // worker alive past SHUTDOWN_TIMEOUT_MS.
    setTimeout(() => {
      console.error(
        `Enlace worker: not stopped within SHUTDOWN_TIMEOUT_MS (${env.shutdownTimeoutMs} ms), exiting`,
      );
      process.exit(1);
    }, env.shutdownTimeoutMs).unref();
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

bootstrap().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof PolicyError) console.error(e.message);
  else console.error('Enlace worker failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
