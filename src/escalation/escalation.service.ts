import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotificationContent, NotificationsService } from '../notifications/notifications.service';
import type { EscalationLevel } from './escalation.entity';
import { escalationKey, EscalationsRepository } from './escalations.repository';

/**
 * One-off alerts with the same exactly-once guarantee as the overdue levels (used for the
 * lost-contact alert): the escalation row is the guard, notifications go out only if it is new.
 */
@Injectable()
export class EscalationService {
  constructor(
    private readonly repo: EscalationsRepository,
    private readonly notifications: NotificationsService,
  ) {}

  /** Returns true when this call raised the alert (false: it had already been raised). */
  async raiseOnce(
    manager: EntityManager,
    alert: {
      source: string;
      itemId: string;
      level: EscalationLevel;
      caseId: string;
      countryCode: string;
      dueAt?: Date | null;
      at: Date;
    },
    recipients: string[],
    content: NotificationContent,
  ): Promise<boolean> {
    const users = [...new Set(recipients)];
    const inserted = await this.repo.insertNew(manager, [
      { ...alert, dueAt: alert.dueAt ?? null, firedAt: alert.at, recipients: users.length },
    ]);
    if (!inserted.has(escalationKey(alert.source, alert.itemId, alert.level))) return false;
    await this.notifications.notify(manager, users, content, alert.at);
    return true;
  }
}
