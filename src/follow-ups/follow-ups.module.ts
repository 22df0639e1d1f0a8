import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseCoreModule } from '../cases/case-core.module';
import { CaseFile } from '../cases/case-file.entity';
import { Child } from '../cases/child.entity';
import { Agency } from '../directory/agency.entity';
import { AppUser } from '../directory/app-user.entity';
import { EscalationModule } from '../escalation/escalation.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { FollowUp } from './follow-up.entity';
import { FollowUpOverdueSource } from './follow-up-overdue.source';
import { FollowUpPolicy } from './follow-up.policy';
import { FollowUpScheduler } from './follow-up-scheduler.service';
import { FollowUpsController } from './follow-ups.controller';
import { FollowUpsRepository } from './follow-ups.repository';
import { FollowUpsService } from './follow-ups.service';

/** Follow-ups scheduled from policy, recorded by caseworkers or receiving agencies, escalated when overdue. */
@Module({
  imports: [
    // The entities our relations point at must be known to the connection (forFeature deduplicates).
    TypeOrmModule.forFeature([FollowUp, CaseFile, Child, Agency, AppUser]),
    CaseCoreModule,
    EscalationModule,
    NotificationsModule,
  ],
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
