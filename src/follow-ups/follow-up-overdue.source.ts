import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { markEscalatedIn } from '../escalation/overdue-source';
import type { OverdueItem, OverdueKey, OverdueSource } from '../escalation/overdue-source';
import { OverdueSourceRegistry } from '../escalation/overdue-source.registry';

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

// The predicate repeats follow_up_overdue_scan_idx's, so the planner walks that partial index:
// only scheduled follow-ups below the last escalation level, in (due_at, id) order.
const SCAN = (keyset: boolean) => `
  SELECT f.id, f.case_id, c.case_number, f.due_at, c.country_code, f.responsible_user_id,
         c.assigned_user_id, f.responsible_agency_id, c.agency_id, f.escalation_level, f.type
    FROM follow_up f JOIN case_file c ON c.id = f.case_id
   WHERE f.status = 'scheduled' AND f.escalation_level < 3 AND f.due_at < $1
     ${keyset ? 'AND (f.due_at, f.id) > ($3, $4::uuid)' : ''}
   ORDER BY f.due_at, f.id
   LIMIT $2
   FOR UPDATE OF f SKIP LOCKED`;

/** Overdue follow-ups for the escalation engine. */
@Injectable()
export class FollowUpOverdueSource implements OverdueSource, OnModuleInit {
  readonly name = 'follow_up';
  readonly subjectType = 'FollowUp';

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
      dueAt: r.due_at,
      countryCode: r.country_code,
      responsibleUserIds: [
        ...new Set([r.responsible_user_id, r.assigned_user_id].filter((u): u is string => !!u)),
      ],
      agencyIds: [...new Set([r.responsible_agency_id, r.agency_id])],
      escalationLevel: r.escalation_level,
      details: { followUpType: r.type },
    }));
  }

  markEscalated(
    m: EntityManager,
    updates: { id: string; level: number; overdueSince: Date }[],
  ): Promise<void> {
    return markEscalatedIn(m, 'follow_up', updates);
  }
}
