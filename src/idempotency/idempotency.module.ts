import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyPurgeProcessor } from './idempotency-purge.processor';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency.store';

/** `Idempotency-Key` on every signed-in POST (interceptor) and the hourly purge (worker). */
@Module({
  providers: [
    IdempotencyStore,
    IdempotencyPurgeProcessor,
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class IdempotencyModule {}
