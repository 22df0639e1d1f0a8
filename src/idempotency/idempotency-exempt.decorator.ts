import { SetMetadata } from '@nestjs/common';

export const IDEMPOTENCY_EXEMPT = 'enlace:idempotency-exempt';

/** A POST whose answer must never be replayed (it hands out credentials or sets cookies). */
export const IdempotencyExempt = () => SetMetadata(IDEMPOTENCY_EXEMPT, true);
