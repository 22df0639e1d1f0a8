import { Module } from '@nestjs/common';
import { AuditCoreModule } from './audit-trail/audit-core.module';
import { AuthCoreModule } from './auth/auth-core.module';
import { AuthzModule } from './authz/authz.module';
import { CommonModule } from './common/common.module';
import { EnvModule } from './config/env.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { DatabaseModule } from './database/database.module';
import { AppLoggerModule } from './observability/logging.module';
import { ObservabilityModule } from './observability/observability.module';
import { PolicyModule } from './policy/policy.module';
import { QueueModule } from './queues/queue.module';
import { VocabulariesModule } from './vocabularies/vocabularies.module';

/**
 * Shared plumbing for both processes: configuration, logging, database, queues, policy, vocabularies, clock,
 * authentication and authorization core, audit writer, idempotent POSTs. Order matters for the global guards:
 * authentication (AuthCoreModule) runs before authorization (AuthzModule).
 */
@Module({
  imports: [
    EnvModule,
    AppLoggerModule,
    CommonModule,
    DatabaseModule,
    QueueModule,
    PolicyModule,
    VocabulariesModule,
    AuditCoreModule,
    AuthCoreModule,
    AuthzModule,
    ObservabilityModule,
    IdempotencyModule,
  ],
})
export class PlatformModule {}
