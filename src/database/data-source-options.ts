import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * One definition of how Enlace talks to PostgreSQL, shared by the app, the migration CLI and
 * the tests. The schema comes from migrations only: synchronize stays off everywhere.
 */
export function dataSourceOptions(url: string, poolSize = 10, poolWaitMs?: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    // gen_random_uuid() (pgcrypto) rather than uuid-ossp, which PGlite lacks.
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    // Compiled layout: dist/src/database -> dist/migrations and dist/src/**/*.entity.js
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{js,ts}')],
    entities: [join(__dirname, '..', '**', '*.entity.{js,ts}')],
    migrationsTableName: 'schema_migrations',
    // connectionTimeoutMillis bounds the wait for a free connection (unset: wait forever).
    extra: { max: poolSize, connectionTimeoutMillis: poolWaitMs, application_name: 'enlace' },
  };
}
