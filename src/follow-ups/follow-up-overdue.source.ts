import { Injectable } from '@nestjs/common';
import type { OverdueItem } from '../escalation/overdue-source';
import { TableOverdueSource } from '../escalation/overdue-source.base';

interface Row {
  id: string;
  case_id: string;
  case_number: string;
  due_at: Date;
  country_code: string;
  responsible_user_id: string | null;
  assigned_user_id: string | null;
  responsible_agency_id: string;
  agency_id: string;
  escalation_level: number;
  type: string;
}

/**
 * Overdue follow-ups for the escalation engine. The scan walks follow_up_overdue_scan_idx: only
 * scheduled follow-ups below the last escalation level, in (due_at, id) order.
 */
@Injectable()
export class FollowUpOverdueSource extends TableOverdueSource<Row> {
  readonly name = 'follow_up';
  readonly subjectType = 'FollowUp';
  protected readonly scan = {
    table: 'follow_up',
    alias: 'f',
    dueColumn: 'due_at',
    columns: `f.id, f.case_id, c.case_number, f.due_at, c.country_code, f.responsible_user_id,
         c.assigned_user_id, f.responsible_agency_id, c.agency_id, f.escalation_level, f.type`,
    open: `f.status = 'scheduled'`,
  } as const;

  protected toItem(r: Row): OverdueItem {
    return {
      id: r.id,
      caseId: r.case_id,
      caseNumber: r.case_number,
      dueAt: r.due_at,
      countryCode: r.country_code,
      responsibleUserIds: [
        ...new Set([r.responsible_user_id, r.assigned_user_id].filter((u): u is string => !!u)),
      ],
      agencyIds: [...new Set([r.responsible_agency_id, r.agency_id])],
      escalationLevel: r.escalation_level,
      details: { followUpType: r.type },
    };
  }
}
