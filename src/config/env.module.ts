import { Global, Module } from '@nestjs/common';
import { Env, loadEnv } from './env';

export const ENV = Symbol('ENV');

/** Provides the validated environment (see env.ts) to every module. */
@Global()
@Module({
  providers: [{ provide: ENV, useFactory: (): Env => loadEnv() }],
  exports: [ENV],
})
export class EnvModule {}
