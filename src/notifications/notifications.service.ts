import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { AuthzService } from '../authz/authz.service';
import { Clock } from '../common/clock';
import { CommonErrors } from '../common/errors/common.errors';
import { defineCursor } from '../common/paging/cursor';
import { Page, pageLimit, pageOf } from '../common/paging/page';
import { TransactionRunner } from '../database/transaction-runner';
import { Notification } from './notification.entity';
import { NotificationRecipientsRepository } from './notification-recipients.repository';
import { NotificationsRepository } from './notifications.repository';

/** What a notification says: operational fields only (no names, no notes). */
export interface NotificationContent {
  type: string;
  level?: string | null;
  caseId?: string | null;
  caseNumber?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  dueAt?: Date | null;
  data?: Record<string, string | number | boolean | null>;
}

export interface NotificationView {
  id: string;
  type: string;
  level: string | null;
  caseId: string | null;
  caseNumber: string | null;
  subjectType: string | null;
  subjectId: string | null;
  dueAt: Date | null;
  data: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

/** The inbox is newest first: creation, then id. */
const INBOX_CURSOR = defineCursor('notifications', ['instant', 'uuid']);

/**
 * The in-app inbox. Other modules call `notify` (or `notifyMany`) inside their own transaction,
 * so a notification exists exactly when the change that caused it committed.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly repo: NotificationsRepository,
    private readonly recipients: NotificationRecipientsRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly authz: AuthzService,
  ) {}

  /** Sends the same content to each user once (duplicates in `userIds` are dropped). */
  notify(manager: EntityManager, userIds: string[], content: NotificationContent, at = this.clock.now()) {
    return this.notifyMany(manager, [{ userIds, content }], at);
  }

  /** Many notices in one statement; returns how many rows were written. */
  notifyMany(
    manager: EntityManager,
    notices: { userIds: string[]; content: NotificationContent }[],
    at = this.clock.now(),
  ): Promise<number> {
    return this.repo.insertNotices(
      manager,
      notices.map(({ userIds, content }) => ({ userIds: [...new Set(userIds)], content })),
      at,
    );
  }

  supervisorsOf(manager: EntityManager, agencyIds: string[]) {
    return this.recipients.supervisorsOf(manager, agencyIds);
  }

  leadUnitOfficersOf(manager: EntityManager, countries: string[]) {
    return this.recipients.leadUnitOfficersOf(manager, countries);
  }

  async list(
    actor: Actor,
    q: { unread?: boolean; limit?: number; cursor?: string },
  ): Promise<Page<NotificationView>> {
    const limit = pageLimit(q);
    const after = INBOX_CURSOR.decode(q.cursor);
    const rows = await this.repo.list(this.tx.manager, actor.userId, {
      unreadOnly: q.unread === true,
      limit: limit + 1,
      after: after && { createdAt: after[0], id: after[1] },
    });
    const page = pageOf(rows, limit, (last) => INBOX_CURSOR.encode(last.createdAt, last.id));
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }

  async unreadCount(actor: Actor): Promise<{ unread: number }> {
    return { unread: await this.repo.unreadCount(this.tx.manager, actor.userId) };
  }

  async markRead(actor: Actor, id: string): Promise<NotificationView> {
    return this.tx.run(async (m) => {
      const n = await this.repo.findOne(m, id);
      if (!n) throw CommonErrors.NOT_FOUND();
      await this.authz.assert(actor, 'update', 'Notification', n, { subjectId: id });
      await this.repo.markRead(m, id, this.clock.now());
      return view((await this.repo.findOne(m, id))!);
    });
  }

  async markAllRead(actor: Actor): Promise<{ marked: number }> {
    return { marked: await this.repo.markAllRead(this.tx.manager, actor.userId, this.clock.now()) };
  }
}

function view(n: Notification): NotificationView {
  return {
    id: n.id,
    type: n.type,
    level: n.level,
    caseId: n.caseId,
    caseNumber: n.caseNumber,
    subjectType: n.subjectType,
    subjectId: n.subjectId,
    dueAt: n.dueAt,
    data: n.data,
    createdAt: n.createdAt,
    readAt: n.readAt,
  };
}
