import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';
import { dataSourceOptions } from './data-source-options';
import { DatabaseRoleCheck } from './database-role';
import { TransactionRunner } from './transaction-runner';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ENV],
      useFactory: (env: Env) => ({
        ...dataSourceOptions(env.databaseUrl, env.dbPoolSize),
        entities: undefined,
        autoLoadEntities: true,
        retryAttempts: 2,
        retryDelay: 500,
      }),
    }),
  ],
  providers: [TransactionRunner, DatabaseRoleCheck],
  exports: [TransactionRunner],
})
export class DatabaseModule {}
