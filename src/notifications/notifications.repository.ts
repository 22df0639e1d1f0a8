import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Notification } from './notification.entity';

export interface NotificationRow {
  userId: string;
  type: string;
  level?: string | null;
  caseId?: string | null;
  caseNumber?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  dueAt?: Date | null;
  data?: Record<string, string | number | boolean | null>;
  createdAt: Date;
}

export interface InboxCursor {
  createdAt: string;
  id: string;
}

/** Inbox queries. Every read and write is scoped to one owner (`user_id`). */
@Injectable()
export class NotificationsRepository {
  /** One statement for any number of rows (the overdue scan writes thousands per batch). */
  async insertMany(manager: EntityManager, rows: NotificationRow[]): Promise<number> {
    if (!rows.length) return 0;
    const res: unknown[] = await manager.query(
      `INSERT INTO notification (user_id, type, level, case_id, case_number, subject_type, subject_id, due_at, data, created_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::uuid[],
                            $8::timestamptz[], $9::jsonb[], $10::timestamptz[])
       RETURNING id`,
      [
        rows.map((r) => r.userId),
        rows.map((r) => r.type),
        rows.map((r) => r.level ?? null),
        rows.map((r) => r.caseId ?? null),
        rows.map((r) => r.caseNumber ?? null),
        rows.map((r) => r.subjectType ?? null),
        rows.map((r) => r.subjectId ?? null),
        rows.map((r) => r.dueAt ?? null),
        rows.map((r) => JSON.stringify(r.data ?? {})),
        rows.map((r) => r.createdAt),
      ],
    );
    return res.length;
  }

  list(
    manager: EntityManager,
    userId: string,
    opts: { unreadOnly: boolean; limit: number; after?: InboxCursor },
  ): Promise<Notification[]> {
    const qb = manager
      .createQueryBuilder(Notification, 'n')
      .where('n.user_id = :userId', { userId })
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(opts.limit);
    if (opts.unreadOnly) qb.andWhere('n.read_at IS NULL');
    if (opts.after)
      qb.andWhere('(n.created_at, n.id) < (:afterAt::timestamptz, :afterId::uuid)', {
        afterAt: opts.after.createdAt,
        afterId: opts.after.id,
      });
    return qb.getMany();
  }

  async unreadCount(manager: EntityManager, userId: string): Promise<number> {
    const [row] = await manager.query(
      'SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND read_at IS NULL',
      [userId],
    );
    return row.n;
  }

  findOne(manager: EntityManager, id: string): Promise<Notification | null> {
    return manager.findOne(Notification, { where: { id } });
  }

  async markRead(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.query('UPDATE notification SET read_at = $2 WHERE id = $1 AND read_at IS NULL', [id, at]);
  }

  async markAllRead(manager: EntityManager, userId: string, at: Date): Promise<number> {
    const res: [unknown[], number] = await manager.query(
      'UPDATE notification SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL',
      [userId, at],
    );
    return res[1];
  }
}
