import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface OverdueReferral {
  id: string;
  caseId: string;
  senderAgencyId: string;
  senderUserId: string;
  country: string;
  urgency: string;
  status: string;
  responseDueAt: Date;
}

export interface OverdueCursor {
  responseDueAt: Date;
  id: string;
}

/**
 * For the follow-up module's overdue scan: referrals sent but not answered (dispatched or
 * delivered) whose response deadline is before `at`, in keyset batches ordered by
 * (response_due_at, id). Served by the partial index referral_unanswered_due_idx, so the cost
 * grows with the number of overdue referrals, not with the table.
 */
@Injectable()
export class ReferralOverdueQuery {
  constructor(private readonly dataSource: DataSource) {}

  async unansweredPastDue(
    at: Date,
    opts: { after?: OverdueCursor; limit?: number } = {},
  ): Promise<{ items: OverdueReferral[]; next: OverdueCursor | null }> {
    const limit = Math.min(Math.max(opts.limit ?? 500, 1), 5000);
    const params: unknown[] = [at, limit];
    let keyset = '';
    if (opts.after) {
      params.push(opts.after.responseDueAt, opts.after.id);
      keyset = 'AND (response_due_at, id) > ($3, $4)';
    }
    const rows: any[] = await this.dataSource.query(
      `SELECT id, case_id, sender_agency_id, sender_user_id, sender_country, urgency, status, response_due_at
         FROM referral
        WHERE status IN ('dispatched', 'delivered') AND response_due_at < $1 ${keyset}
        ORDER BY response_due_at, id
        LIMIT $2`,
      params,
    );
    const items: OverdueReferral[] = rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      senderAgencyId: r.sender_agency_id,
      senderUserId: r.sender_user_id,
      country: r.sender_country,
      urgency: r.urgency,
      status: r.status,
      responseDueAt: r.response_due_at,
    }));
    const last = items[items.length - 1];
    return {
      items,
      next: items.length === limit && last ? { responseDueAt: last.responseDueAt, id: last.id } : null,
    };
  }
}
