import { Module } from '@nestjs/common';
import { CaseCoreModule } from '../cases/public';
import { EscalationModule } from '../escalation/escalation.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { FollowUpOverdueSource } from './follow-up-overdue.source';
import { FollowUpPolicy } from './follow-up.policy';
import { FollowUpScheduler } from './follow-up-scheduler';
import { FollowUpsController } from './follow-ups.controller';
import { FollowUpsRepository } from './follow-ups.repository';
import { FollowUpsService } from './follow-ups.service';

/** Follow-ups scheduled from policy, recorded by caseworkers or receiving agencies, escalated when overdue. */
@Module({
  imports: [CaseCoreModule, EscalationModule, NotificationsModule],
  controllers: [FollowUpsController],
  providers: [
    FollowUpsService,
    FollowUpsRepository,
    FollowUpScheduler,
    FollowUpPolicy,
    FollowUpOverdueSource,
  ],
  exports: [FollowUpsService],
})
export class FollowUpsModule {}
