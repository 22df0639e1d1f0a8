import 'reflect-metadata';
import { ConfigError, loadEnv } from './config/env';
import { PolicyError } from './policy/policy-loader';
import { createHttpApp } from './http-app';
import { installGracefulShutdown } from './http-shutdown';

/**
 * HTTP API entry point. Refuses to start, naming the bad setting, when configuration is invalid.
 * Stops gracefully on SIGTERM/SIGINT (http-shutdown.ts).
 */
async function bootstrap(): Promise<void> {
  const env = loadEnv();
  const app = await createHttpApp();
  installGracefulShutdown(app, env);
  await app.listen({ port: env.port, host: '0.0.0.0' });
}

bootstrap().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof PolicyError) console.error(e.message);
  else console.error('Enlace API failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
