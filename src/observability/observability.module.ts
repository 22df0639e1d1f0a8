import { Global, Module } from '@nestjs/common';
import { DependencyHealth } from './dependency-health';
import { HealthController } from './health.controller';
import { Lifecycle } from './lifecycle';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Global()
@Module({
  controllers: [HealthController, MetricsController],
  providers: [MetricsService, Lifecycle, DependencyHealth],
  exports: [MetricsService, Lifecycle, DependencyHealth],
})
export class ObservabilityModule {}
