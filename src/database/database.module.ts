import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';
import { AUDIT_DATA_SOURCE } from './audit-data-source';
import { dataSourceOptions } from './data-source-options';
import { DatabaseRoleCheck } from './database-role';
import { TransactionRunner } from './transaction-runner';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ENV],
      useFactory: (env: Env) => ({
        // Entities come from the glob in dataSourceOptions: registered once, for every module.
        ...dataSourceOptions(env.databaseUrl, env.dbPoolSize, env.dbPoolWaitMs),
        retryAttempts: 2,
        retryDelay: 500,
      }),
    }),
    // The audit writer's own small pool (see audit-data-source.ts).
    TypeOrmModule.forRootAsync({
      name: AUDIT_DATA_SOURCE,
      inject: [ENV],
      useFactory: (env: Env) => {
        const base = dataSourceOptions(env.databaseUrl, env.auditPoolSize, env.dbPoolWaitMs);
        return {
          ...base,
          migrations: [],
          extra: { ...base.extra, application_name: 'enlace-audit' },
          retryAttempts: 2,
          retryDelay: 500,
        };
      },
    }),
  ],
  providers: [TransactionRunner, DatabaseRoleCheck],
  exports: [TransactionRunner],
})
export class DatabaseModule {}
