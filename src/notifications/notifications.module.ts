import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseCoreModule } from '../cases/case-core.module';
import { Agency } from '../directory/agency.entity';
import { AppUser } from '../directory/app-user.entity';
import { Notification } from './notification.entity';
import { NotificationPolicy } from './notification.policy';
import { NotificationRecipientsRepository } from './notification-recipients.repository';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { ReferralResponseSubscriber } from './referral-response.subscriber';

/** In-app inbox per user; `NotificationsService.notify` is the entry point for other modules. */
@Module({
  // The entities our relations point at must be known to the connection (forFeature deduplicates).
  imports: [TypeOrmModule.forFeature([Notification, AppUser, Agency]), CaseCoreModule],
  controllers: [NotificationsController],
  providers: [
    NotificationsService,
    NotificationsRepository,
    NotificationRecipientsRepository,
    NotificationPolicy,
    ReferralResponseSubscriber,
  ],
  exports: [NotificationsService],
})
export class NotificationsModule {}
