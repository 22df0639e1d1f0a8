import { Module } from '@nestjs/common';
import { MonitoringExportProcessor } from './monitoring-export.processor';
import { MonitoringExportService } from './monitoring-export.service';
import { MonitoringExportsController } from './monitoring-exports.controller';
import { MonitoringController } from './monitoring.controller';
import { MonitoringPolicy } from './monitoring.policy';
import { MonitoringService } from './monitoring.service';
import { RegionalMonitoringController } from './regional-monitoring.controller';

/**
 * Lead-unit and supervisor monitoring, regional aggregates with small-cell suppression, CSV
 * exports. Controllers are ordered so static paths (exports, regional) are declared first.
 */
@Module({
  controllers: [MonitoringExportsController, RegionalMonitoringController, MonitoringController],
  providers: [MonitoringService, MonitoringExportService, MonitoringExportProcessor, MonitoringPolicy],
  exports: [MonitoringService],
})
export class MonitoringModule {}
