import { Global, Module } from '@nestjs/common';
import { OutboxService } from './outbox.service';
import { QueueService } from './queue.service';
import { SystemJobsProcessor } from './system-jobs.processor';

/** Producers (QueueService, OutboxService) for every process. */
@Global()
@Module({
  providers: [QueueService, OutboxService, SystemJobsProcessor],
  exports: [QueueService, OutboxService],
})
export class QueueModule {}
