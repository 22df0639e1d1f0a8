import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditPolicy } from './audit.policy';
import { AuditQueryService } from './audit-query.service';
import { AuditRepository } from './audit.repository';

/**
 * The auditor's API over the trail, and `AuditQueryService.accessLogForCase` for the cases
 * module. The writer (AuditService) is global in AuditCoreModule (src/audit-trail/).
 */
@Module({
  controllers: [AuditController],
  providers: [AuditPolicy, AuditRepository, AuditQueryService],
  exports: [AuditQueryService],
})
export class AuditModule {}
