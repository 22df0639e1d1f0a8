import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const ESCALATION_LEVELS = ['caseworker', 'supervisor', 'lead_unit'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number] | 'lost_contact';

/**
 * One row per (source, item, level) that fired. The unique key is what makes each level fire
 * exactly once: the scan inserts with ON CONFLICT DO NOTHING and notifies only for rows it
 * actually inserted, in the same transaction.
 */
@Entity('escalation')
@Unique('escalation_once_key', ['source', 'itemId', 'level'])
@Index('escalation_case_idx', ['caseId', 'firedAt'])
@Index('escalation_country_idx', ['countryCode', 'firedAt'])
export class Escalation {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** The overdue source (`follow_up`, `referral`) or `lost_contact`. */
  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'uuid' })
  itemId: string;

  @Column({ type: 'text' })
  level: EscalationLevel;

  @Column({ type: 'uuid' })
  caseId: string;

  @Column({ type: 'char', length: 2 })
  countryCode: string;

  @Column({ type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  /** The threshold instant the level fired for (due + the level's grace), or the alert time. */
  @Column({ type: 'timestamptz' })
  firedAt: Date;

  @Column({ type: 'integer', default: 0 })
  recipients: number;
}
