import { Column } from 'typeorm';

/** The last escalation level (lead unit): items at this level leave the overdue-scan indexes. */
export const MAX_ESCALATION_LEVEL = 3;

/**
 * How far an overdue item has escalated: the columns every table an overdue source scans carries
 * (follow_up, referral), embedded with `@Column(() => EscalationState, { prefix: false })` so the
 * database columns keep their names, `overdue_since` and `escalation_level`. Maintained by the
 * overdue scan only (`TableOverdueSource.markEscalated`), which never lowers either.
 */
export class EscalationState {
  /** Set by the overdue scan when the first escalation level fires (due date + grace). */
  @Column({ name: 'overdue_since', type: 'timestamptz', nullable: true })
  overdueSince: Date | null;

  /** Overdue levels already fired: 0 none, 1 caseworker, 2 supervisor, 3 lead unit. */
  @Column({ name: 'escalation_level', type: 'smallint', default: 0 })
  level: number;
}
