import { Module } from '@nestjs/common';
import { OperationsPolicy } from './operations.policy';
import { QueueDashboard } from './queue-dashboard';
import { QueueDashboardController } from './queue-dashboard.controller';
import { QueueDashboardTokens } from './queue-dashboard-tokens';
import { SystemJobsController } from './system-jobs.controller';

/** Administrator tools: queue round trips and the Bull Board dashboard. */
@Module({
  controllers: [SystemJobsController, QueueDashboardController],
  providers: [OperationsPolicy, QueueDashboardTokens, QueueDashboard],
})
export class OperationsModule {}
