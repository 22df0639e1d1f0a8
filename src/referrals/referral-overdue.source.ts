import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { markEscalatedIn } from '../escalation/overdue-source';
import type { OverdueItem, OverdueKey, OverdueSource } from '../escalation/overdue-source';
import { OverdueSourceRegistry } from '../escalation/overdue-source.registry';
import { unansweredSql } from './referral-lifecycle';

interface Row {
  id: string;
  case_id: string;
  case_number: string;
  response_due_at: Date;
  sender_country: string;
  sender_user_id: string;
  assigned_user_id: string | null;
  sender_agency_id: string;
  escalation_level: number;
  urgency: string;
  status: string;
}

// The predicate repeats referral_overdue_scan_idx's, so the planner walks that partial index:
// only unanswered referrals below the last escalation level, in (response_due_at, id) order.
const SCAN = (keyset: boolean) => `
  SELECT r.id, r.case_id, c.case_number, r.response_due_at, r.sender_country, r.sender_user_id,
         c.assigned_user_id, r.sender_agency_id, r.escalation_level, r.urgency, r.status
    FROM referral r JOIN case_file c ON c.id = r.case_id
   WHERE ${unansweredSql('r')} AND r.escalation_level < 3 AND r.response_due_at < $1
     ${keyset ? 'AND (r.response_due_at, r.id) > ($3, $4::uuid)' : ''}
   ORDER BY r.response_due_at, r.id
   LIMIT $2
   FOR UPDATE OF r SKIP LOCKED`;

/**
 * Unanswered referrals past their response deadline, for the escalation engine. The sender
 * country's policy sets the thresholds (as it set the deadline); level 1 goes to the sending user
 * and the case's caseworker, level 2 to the sender agency's supervisors, level 3 to the sender
 * country's lead unit. An answer (accept/reject) or a cancellation takes the referral out of the
 * index, so nothing further fires.
 */
@Injectable()
export class ReferralOverdueSource implements OverdueSource, OnModuleInit {
  readonly name = 'referral';
  readonly subjectType = 'Referral';

  constructor(private readonly registry: OverdueSourceRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async findOverdue(
    m: EntityManager,
    asOf: Date,
    after: OverdueKey | null,
    limit: number,
  ): Promise<OverdueItem[]> {
    const rows: Row[] = after
      ? await m.query(SCAN(true), [asOf, limit, after.dueAt, after.id])
      : await m.query(SCAN(false), [asOf, limit]);
    return rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      caseNumber: r.case_number,
      dueAt: r.response_due_at,
      countryCode: r.sender_country,
      responsibleUserIds: [
        ...new Set([r.sender_user_id, r.assigned_user_id].filter((u): u is string => !!u)),
      ],
      agencyIds: [r.sender_agency_id],
      escalationLevel: r.escalation_level,
      details: { urgency: r.urgency, status: r.status },
    }));
  }

  markEscalated(
    m: EntityManager,
    updates: { id: string; level: number; overdueSince: Date }[],
  ): Promise<void> {
    return markEscalatedIn(m, 'referral', updates);
  }
}
