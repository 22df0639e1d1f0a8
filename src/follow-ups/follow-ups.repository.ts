import { Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { AppAbility } from '../authz/ability';
import { applyAbility, ColumnMap } from '../authz/casl-sql';
import { FollowUp, FollowUpKind, FollowUpStatus } from './follow-up.entity';

/** A follow-up joined with the case fields its policy conditions name. */
export interface FollowUpRecord {
  id: string;
  caseId: string;
  caseNumber: string;
  type: string;
  kind: FollowUpKind;
  dueAt: Date;
  explain: string;
  status: FollowUpStatus;
  responsibleUserId: string | null;
  responsibleAgencyId: string;
  referralId: string | null;
  attempts: number;
  contactMade: boolean | null;
  outcomeNotes: string | null;
  resolvedAt: Date | null;
  cancelReason: string | null;
  overdueSince: Date | null;
  escalationLevel: number;
  createdAt: Date;
  version: number;
  caseAssignedUserId: string | null;
  caseAgencyId: string;
  countryCode: string;
}

export const FOLLOW_UP_COLUMNS: ColumnMap = {
  caseAssignedUserId: 'c.assigned_user_id',
  caseAgencyId: 'c.agency_id',
  countryCode: 'c.country_code',
  responsibleUserId: 'f.responsible_user_id',
  responsibleAgencyId: 'f.responsible_agency_id',
};

const SELECT = `f.id AS "id", f.case_id AS "caseId", c.case_number AS "caseNumber", f.type AS "type",
  f.kind AS "kind", f.due_at AS "dueAt", f.explain AS "explain", f.status AS "status",
  f.responsible_user_id AS "responsibleUserId", f.responsible_agency_id AS "responsibleAgencyId",
  f.referral_id AS "referralId", f.attempts AS "attempts", f.contact_made AS "contactMade",
  f.outcome_notes AS "outcomeNotes", f.resolved_at AS "resolvedAt", f.cancel_reason AS "cancelReason",
  f.overdue_since AS "overdueSince", f.escalation_level AS "escalationLevel", f.created_at AS "createdAt",
  f.version AS "version", c.assigned_user_id AS "caseAssignedUserId", c.agency_id AS "caseAgencyId",
  c.country_code AS "countryCode"`;

/** Follow-up queries; list queries carry the caller's ability as SQL conditions. */
@Injectable()
export class FollowUpsRepository {
  private base(m: EntityManager): SelectQueryBuilder<any> {
    return m
      .createQueryBuilder()
      .select(SELECT)
      .from(FollowUp, 'f')
      .innerJoin('case_file', 'c', 'c.id = f.case_id');
  }

  async findById(m: EntityManager, id: string, lock = false): Promise<FollowUpRecord | null> {
    const rows: FollowUpRecord[] = await m.query(
      `SELECT ${SELECT} FROM follow_up f JOIN case_file c ON c.id = f.case_id WHERE f.id = $1${lock ? ' FOR UPDATE OF f' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** A case's follow-ups the ability lets the caller list, soonest first, keyset pages. */
  listForCase(
    m: EntityManager,
    caseId: string,
    ability: AppAbility,
    opts: { limit: number; after?: { dueAt: string; id: string } },
  ): Promise<FollowUpRecord[]> {
    const qb = this.base(m).where('f.case_id = :caseId', { caseId });
    if (opts.after)
      qb.andWhere('(f.due_at, f.id) > (:afterDue::timestamptz, :afterId::uuid)', {
        afterDue: opts.after.dueAt,
        afterId: opts.after.id,
      });
    applyAbility(qb, ability, 'list', 'FollowUp', FOLLOW_UP_COLUMNS);
    return qb
      .orderBy('f.due_at', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .limit(opts.limit)
      .getRawMany<FollowUpRecord>();
  }

  /**
   * The caller's due list: scheduled follow-ups they are responsible for, or owned by their agency
   * with no responsible user, that the ability lets them list; soonest first, keyset pages.
   */
  listDue(
    m: EntityManager,
    actor: { userId: string; agencyId: string },
    ability: AppAbility,
    opts: { limit: number; after?: { dueAt: string; id: string }; dueBefore?: Date },
  ): Promise<FollowUpRecord[]> {
    const qb = this.base(m)
      .where(`f.status = 'scheduled'`)
      .andWhere(
        '(f.responsible_user_id = :me OR (f.responsible_user_id IS NULL AND f.responsible_agency_id = :agency))',
        { me: actor.userId, agency: actor.agencyId },
      );
    if (opts.dueBefore) qb.andWhere('f.due_at < :dueBefore', { dueBefore: opts.dueBefore });
    if (opts.after)
      qb.andWhere('(f.due_at, f.id) > (:afterDue::timestamptz, :afterId::uuid)', {
        afterDue: opts.after.dueAt,
        afterId: opts.after.id,
      });
    applyAbility(qb, ability, 'list', 'FollowUp', FOLLOW_UP_COLUMNS);
    return qb
      .orderBy('f.due_at', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .limit(opts.limit)
      .getRawMany<FollowUpRecord>();
  }

  async insert(m: EntityManager, rows: Partial<FollowUp>[]): Promise<string[]> {
    if (!rows.length) return [];
    const res = await m.insert(FollowUp, rows);
    return res.identifiers.map((i) => i.id as string);
  }

  async countForCase(m: EntityManager, caseId: string, kinds?: FollowUpKind[]): Promise<number> {
    const [row] = await m.query(
      `SELECT count(*)::int AS n FROM follow_up WHERE case_id = $1 ${kinds ? 'AND kind = ANY($2::text[])' : ''}`,
      kinds ? [caseId, kinds] : [caseId],
    );
    return row.n;
  }

  /** Does the user, or the agency, own any follow-up of the case? (Scopes the case list route.) */
  async owners(m: EntityManager, caseId: string, userId: string, agencyId: string) {
    const [row] = await m.query(
      `SELECT bool_or(responsible_user_id = $2) AS by_user, bool_or(responsible_agency_id = $3) AS by_agency
         FROM follow_up WHERE case_id = $1`,
      [caseId, userId, agencyId],
    );
    return { byUser: row.by_user === true, byAgency: row.by_agency === true };
  }

  async hasScheduled(m: EntityManager, caseId: string, kind: FollowUpKind): Promise<boolean> {
    const rows = await m.query(
      `SELECT 1 FROM follow_up WHERE case_id = $1 AND kind = $2 AND status = 'scheduled' LIMIT 1`,
      [caseId, kind],
    );
    return rows.length > 0;
  }

  /** Cancels the case's scheduled follow-ups of these kinds (optionally only those due after a date). */
  async cancelScheduled(
    m: EntityManager,
    caseId: string,
    kinds: FollowUpKind[],
    reason: string,
    at: Date,
    dueAfter?: Date,
  ): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `UPDATE follow_up SET status = 'cancelled', cancel_reason = $3, resolved_at = $4,
              version = version + 1, updated_at = now()
        WHERE case_id = $1 AND status = 'scheduled' AND kind = ANY($2::text[])
          ${dueAfter ? 'AND due_at > $5' : ''}
        RETURNING id`,
      dueAfter ? [caseId, kinds, reason, at, dueAfter] : [caseId, kinds, reason, at],
    );
    return rows.map((r) => r.id);
  }

  /** Resolves a scheduled follow-up if it is still at `version`; false when the version moved on. */
  async resolve(
    m: EntityManager,
    id: string,
    version: number,
    patch: {
      status: FollowUpStatus;
      at: Date;
      contactMade?: boolean | null;
      outcomeNotes?: string | null;
      cancelReason?: string | null;
      countsAsAttempt: boolean;
    },
  ): Promise<boolean> {
    const rows = await m.query(
      `UPDATE follow_up SET status = $3, resolved_at = $4, contact_made = $5, outcome_notes = $6,
              cancel_reason = $7, attempts = attempts + $8, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 AND status = 'scheduled'
        RETURNING id`,
      [
        id,
        version,
        patch.status,
        patch.at,
        patch.contactMade ?? null,
        patch.outcomeNotes ?? null,
        patch.cancelReason ?? null,
        patch.countsAsAttempt ? 1 : 0,
      ],
    );
    return rows.length > 0;
  }

  /** Missed follow-ups of the case since its last completed one, oldest first: the current streak. */
  async missedStreak(m: EntityManager, caseId: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `WITH last_done AS (
         SELECT resolved_at, updated_at FROM follow_up
          WHERE case_id = $1 AND status = 'completed'
          ORDER BY resolved_at DESC, updated_at DESC LIMIT 1)
       SELECT f.id FROM follow_up f
        WHERE f.case_id = $1 AND f.status = 'missed'
          AND (NOT EXISTS (SELECT 1 FROM last_done)
               OR (f.resolved_at, f.updated_at) > (SELECT resolved_at, updated_at FROM last_done))
        ORDER BY f.resolved_at, f.updated_at, f.id`,
      [caseId],
    );
    return rows.map((r) => r.id);
  }

  /** Serializes scheduling decisions per case (events, completions) until the transaction ends. */
  async lockCase(m: EntityManager, caseId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(${FOLLOW_UP_LOCK_CLASS}, hashtext($1))`, [caseId]);
  }
}

// Two-key advisory locks live in a key space apart from the single-key locks of the platform.
const FOLLOW_UP_LOCK_CLASS = 0x666f6c6c; // "foll"
