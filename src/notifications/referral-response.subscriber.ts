import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseLookupService } from '../cases/public';
import { DomainEventMap, DomainEvents } from '../common/domain-events';
import { NotificationsService } from './notifications.service';

/** Tells the sending case's caseworker that a referral was answered (accepted or rejected). */
@Injectable()
export class ReferralResponseSubscriber implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly cases: CaseLookupService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('referral.responded', (e, m) => this.onResponded(e, m));
  }

  async onResponded(e: DomainEventMap['referral.responded'], manager: EntityManager): Promise<void> {
    const c = await this.cases.findCase(manager, e.caseId);
    if (!c?.assignedUserId) return;
    await this.notifications.notify(manager, [c.assignedUserId], {
      type: 'referral.responded',
      caseId: c.id,
      caseNumber: c.caseNumber,
      subjectType: 'Referral',
      subjectId: e.referralId,
      data: { status: e.status },
    });
  }
}
