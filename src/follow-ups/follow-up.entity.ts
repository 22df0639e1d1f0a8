import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { CaseFile } from '../cases/public';
import { Agency } from '../directory/agency.entity';
import { AppUser } from '../directory/app-user.entity';
import { EscalationState } from '../escalation/escalation-state';

export const FOLLOW_UP_TYPES = ['home_visit', 'phone', 'school', 'health', 'office'] as const;
export type FollowUpType = (typeof FOLLOW_UP_TYPES)[number];
export const FOLLOW_UP_KINDS = ['interval', 'checkpoint', 'post_closure', 'manual'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];
export const FOLLOW_UP_STATUSES = ['scheduled', 'completed', 'missed', 'cancelled'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/**
 * A planned contact with the child or family. `explain` names the policy rule that produced
 * `dueAt`. `escalation` is maintained by the overdue scan only.
 */
@Entity('follow_up')
@Index('follow_up_case_idx', ['caseId', 'dueAt'])
@Index('follow_up_responsible_user_idx', ['responsibleUserId', 'dueAt', 'id'], {
  where: `status = 'scheduled'`,
})
@Index('follow_up_responsible_agency_idx', ['responsibleAgencyId', 'dueAt', 'id'], {
  where: `status = 'scheduled'`,
})
// The overdue scan reads this index only: scheduled items not yet escalated to the last level.
@Index('follow_up_overdue_scan_idx', ['dueAt', 'id'], {
  where: `status = 'scheduled' AND escalation_level < 3`,
})
// The monitoring overdue-follow-ups metric: scheduled items past due at every level, by the
// case's country (lead unit, regional analyst) or agency (supervisor), read index-only.
@Index('follow_up_country_overdue_idx', ['countryCode', 'dueAt', 'escalation.level', 'agencyId'], {
  where: `status = 'scheduled'`,
})
@Index('follow_up_agency_overdue_idx', ['agencyId', 'dueAt', 'escalation.level', 'countryCode'], {
  where: `status = 'scheduled'`,
})
export class FollowUp {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'follow_up_case_fk' })
  case?: CaseFile;

  /**
   * The case's country and agency, for monitoring scopes only. Written and read only by the
   * database (a trigger copies them from the case, migrations/1795012000000-FollowUpScope.ts).
   * Declared for the schema check; never loaded, written or answered by the app, hence the
   * `undefined` type (also keeps them out of the OpenAPI document).
   */
  @Column({ type: 'char', length: 2, insert: false, update: false, select: false })
  countryCode: undefined;

  @Column({ type: 'uuid', insert: false, update: false, select: false })
  agencyId: undefined;

  @Column({ type: 'text' })
  type: FollowUpType;

  @Column({ type: 'text' })
  kind: FollowUpKind;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  /** The rule behind dueAt: "config/policy/countries/GT.yaml#followUp.interval.high = 5d after 2026-11-02 follow-up completion". */
  @Column({ type: 'text' })
  explain: string;

  @Column({ type: 'uuid', nullable: true })
  responsibleUserId: string | null;

  @ManyToOne(() => AppUser, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'responsible_user_id', foreignKeyConstraintName: 'follow_up_responsible_user_fk' })
  responsibleUser?: AppUser;

  /** The agency that owns the follow-up: the case's agency, or a referral's receiving agency. */
  @Column({ type: 'uuid' })
  responsibleAgencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'responsible_agency_id', foreignKeyConstraintName: 'follow_up_responsible_agency_fk' })
  responsibleAgency?: Agency;

  /** The referral under which a receiving agency owns this follow-up. */
  @Column({ type: 'uuid', nullable: true })
  referralId: string | null;

  @Column({ type: 'text', default: 'scheduled' })
  status: FollowUpStatus;

  /** Sensitive: what was observed and said. */
  @Column({ type: 'text', nullable: true })
  outcomeNotes: string | null;

  @Column({ type: 'boolean', nullable: true })
  contactMade: boolean | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** When it was completed, missed or cancelled. */
  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  /** risk_changed | case_closed | case_reopened | rescheduled | manual */
  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;

  /** overdue_since and escalation_level. */
  @Column(() => EscalationState, { prefix: false })
  escalation: EscalationState;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
