import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxService } from './outbox.service';
import { QueueService } from './queue.service';
import { SystemJobsProcessor } from './system-jobs.processor';

/** Producers (QueueService, OutboxService) for every process. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessage])],
  providers: [QueueService, OutboxService, SystemJobsProcessor],
  exports: [QueueService, OutboxService],
})
export class QueueModule {}
