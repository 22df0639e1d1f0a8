import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditSequencerService } from './audit-trail/audit-sequencer.service';
import { FEATURE_MODULES } from './feature-modules';
import { WorkerHealthServer } from './observability/worker-health.server';
import { PlatformModule } from './platform.module';
import { OutboxRelay } from './queues/outbox-relay';
import { WorkerService } from './queues/worker.service';

/** The worker process: the same modules, plus the queue consumers, schedulers and outbox relay. */
@Module({
  imports: [PlatformModule, DiscoveryModule, ...FEATURE_MODULES],
  providers: [WorkerService, OutboxRelay, AuditSequencerService, WorkerHealthServer],
})
export class WorkerModule {}
