import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Notification } from './notification.entity';

/** What one notice says; it is written once per recipient. */
export interface NoticeContent {
  type: string;
  level?: string | null;
  caseId?: string | null;
  caseNumber?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  dueAt?: Date | null;
  data?: Record<string, string | number | boolean | null>;
}

export interface InboxCursor {
  createdAt: string;
  id: string;
}

/** Inbox queries. Every read and write is scoped to one owner (`user_id`). */
@Injectable()
export class NotificationsRepository {
  /**
   * One statement for any number of notices, each written once per user in `userIds` (the
   * caller removes duplicates). The content travels once per notice and the recipients as
   * (notice, user) pairs, and only the row count comes back: the overdue scan writes thousands
   * of rows per batch, and shipping every column of every row was most of its time.
   */
  async insertNotices(
    manager: EntityManager,
    notices: { userIds: string[]; content: NoticeContent }[],
    createdAt: Date,
  ): Promise<number> {
    const pairs = notices.flatMap((n, i) => n.userIds.map((u) => [i + 1, u] as const));
    if (!pairs.length) return 0;
    const c = notices.map((n) => n.content);
    const [{ n: count }]: { n: number }[] = await manager.query(
      `WITH ins AS (
       INSERT INTO notification (user_id, type, level, case_id, case_number, subject_type, subject_id, due_at, data, created_at)
       SELECT r.user_id, n.type, n.level, n.case_id, n.case_number, n.subject_type, n.subject_id, n.due_at, n.data, $11
         FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::timestamptz[],
                     $8::jsonb[])
              WITH ORDINALITY AS n(type, level, case_id, case_number, subject_type, subject_id, due_at, data, i)
         JOIN unnest($9::int[], $10::uuid[]) AS r(i, user_id) ON r.i = n.i
       RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      [
        c.map((x) => x.type),
        c.map((x) => x.level ?? null),
        c.map((x) => x.caseId ?? null),
        c.map((x) => x.caseNumber ?? null),
        c.map((x) => x.subjectType ?? null),
        c.map((x) => x.subjectId ?? null),
        c.map((x) => x.dueAt ?? null),
        c.map((x) => JSON.stringify(x.data ?? {})),
        pairs.map((p) => p[0]),
        pairs.map((p) => p[1]),
        createdAt,
      ],
    );
    return count;
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
