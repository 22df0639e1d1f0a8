import { Module } from '@nestjs/common';
import { CaseCoreModule } from '../cases/public';
import { NotificationPolicy } from './notification.policy';
import { NotificationRecipientsRepository } from './notification-recipients.repository';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { ReferralResponseSubscriber } from './referral-response.subscriber';

/** In-app inbox per user; `NotificationsService.notify` is the entry point for other modules. */
@Module({
  imports: [CaseCoreModule],
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
