import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { EscalationService } from './escalation.service';
import { EscalationsRepository } from './escalations.repository';
import { OverdueScanProcessor } from './overdue-scan.processor';
import { OverdueScanService } from './overdue-scan.service';
import { OverdueSourceRegistry } from './overdue-source.registry';

/**
 * The generic overdue engine. Modules with items that can be overdue import this module and
 * register an OverdueSource with OverdueSourceRegistry in their onModuleInit.
 */
@Module({
  imports: [NotificationsModule],
  providers: [
    OverdueSourceRegistry,
    EscalationsRepository,
    EscalationService,
    OverdueScanService,
    OverdueScanProcessor,
  ],
  exports: [OverdueSourceRegistry, EscalationService, OverdueScanService],
})
export class EscalationModule {}
