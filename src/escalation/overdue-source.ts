import type { EntityManager } from 'typeorm';

/** Keyset position of an overdue scan: items are read in (dueAt, id) order. */
export interface OverdueKey {
  dueAt: Date;
  id: string;
}

/** An item past its due date, as the escalation engine needs it (operational fields only). */
export interface OverdueItem {
  id: string;
  caseId: string;
  caseNumber: string;
  dueAt: Date;
  /** The case's country: its policy decides the escalation thresholds. */
  countryCode: string;
  /** Level 1 (caseworker) recipients: the responsible user and/or the case's caseworker. */
  responsibleUserIds: string[];
  /** Level 2 (supervisor) recipients are the active supervisors of these agencies. */
  agencyIds: string[];
  /** Levels already fired (0 to 3). */
  escalationLevel: number;
  /** Extra operational details for the notification (e.g. the follow-up type). */
  details?: Record<string, string>;
}

/**
 * Something that can be overdue: follow-ups, unanswered referrals. Each source reads its own
 * table from a partial index that holds only scheduled / unanswered items below the last
 * escalation level, so a scan never walks completed or fully escalated rows.
 */
export interface OverdueSource {
  /** Stable name, stored in escalation.source and used in notification types (`<name>.overdue`). */
  readonly name: string;
  /** Authorization subject of the item, stored on notifications (`FollowUp`, `Referral`). */
  readonly subjectType: string;
  /**
   * Up to `limit` items with dueAt < asOf, after `after` in (dueAt, id) order, locked for this
   * transaction (FOR UPDATE ... SKIP LOCKED, so concurrent scans split the work).
   */
  findOverdue(
    manager: EntityManager,
    asOf: Date,
    after: OverdueKey | null,
    limit: number,
  ): Promise<OverdueItem[]>;
  /** Records the level reached and since when the item is overdue (never lowers either). */
  markEscalated(
    manager: EntityManager,
    updates: { id: string; level: number; overdueSince: Date }[],
  ): Promise<void>;
}

/**
 * The common `markEscalated` of sources whose table has `escalation_level` and `overdue_since`:
 * raises the level and keeps the first overdue time, never lowering either. The row's version is
 * left alone: a scan is not a user edit, so nobody's open form goes stale because of it.
 */
export async function markEscalatedIn(
  m: EntityManager,
  table: 'follow_up' | 'referral',
  updates: { id: string; level: number; overdueSince: Date }[],
): Promise<void> {
  if (!updates.length) return;
  await m.query(
    `UPDATE ${table} t
        SET escalation_level = GREATEST(t.escalation_level, u.level),
            overdue_since = COALESCE(t.overdue_since, u.since)
       FROM unnest($1::uuid[], $2::smallint[], $3::timestamptz[]) AS u(id, level, since)
      WHERE t.id = u.id`,
    [updates.map((u) => u.id), updates.map((u) => u.level), updates.map((u) => u.overdueSince)],
  );
}
