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
 * escalation level, so a scan never walks completed or fully escalated rows. Table-backed sources
 * extend TableOverdueSource (overdue-source.base.ts), which holds the scan and the update.
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
