import 'reflect-metadata';
import { ConfigError, loadEnv } from './config/env';
import { PolicyError } from './policy/policy-loader';
import { createHttpApp } from './http-app';

/** HTTP API entry point. Refuses to start, naming the bad setting, when configuration is invalid. */
async function bootstrap(): Promise<void> {
  const env = loadEnv();
  const app = await createHttpApp();
  await app.listen({ port: env.port, host: '0.0.0.0' });
}

bootstrap().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof PolicyError) console.error(e.message);
  else console.error('Enlace API failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
