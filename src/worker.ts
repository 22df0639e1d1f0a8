import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadEnv } from './config/env';
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
  const stop = async () => {
    // A stuck job must not keep a stopping worker alive forever.
    setTimeout(() => process.exit(1), env.shutdownTimeoutMs).unref();
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

bootstrap().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof PolicyError) console.error(e.message);
  else console.error('Enlace worker failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
