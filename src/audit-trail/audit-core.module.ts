import { Global, Module } from '@nestjs/common';
import { AuditSealStatus } from './audit-seal-status';
import { AuditService } from './audit.service';

/** The writer every module uses. The auditor's API and the chain verifier live in AuditModule (src/audit/). */
@Global()
@Module({
  providers: [AuditService, AuditSealStatus],
  exports: [AuditService, AuditSealStatus],
})
export class AuditCoreModule {}
