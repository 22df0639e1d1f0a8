import { Injectable } from '@nestjs/common';
import type { OverdueItem } from '../escalation/overdue-source';
import { TableOverdueSource } from '../escalation/overdue-source.base';
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

/**
 * Unanswered referrals past their response deadline, for the escalation engine. The sender
 * country's policy sets the thresholds (as it set the deadline); level 1 goes to the sending user
 * and the case's caseworker, level 2 to the sender agency's supervisors, level 3 to the sender
 * country's lead unit. An answer (accept/reject) or a cancellation takes the referral out of the
 * index, so nothing further fires. The scan walks referral_overdue_scan_idx: only unanswered
 * referrals below the last escalation level, in (response_due_at, id) order.
 */
@Injectable()
export class ReferralOverdueSource extends TableOverdueSource<Row> {
  readonly name = 'referral';
  readonly subjectType = 'Referral';
  protected readonly scan = {
    table: 'referral',
    alias: 'r',
    dueColumn: 'response_due_at',
    columns: `r.id, r.case_id, c.case_number, r.response_due_at, r.sender_country, r.sender_user_id,
         c.assigned_user_id, r.sender_agency_id, r.escalation_level, r.urgency, r.status`,
    open: unansweredSql('r'),
  } as const;

  protected toItem(r: Row): OverdueItem {
    return {
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
    };
  }
}
