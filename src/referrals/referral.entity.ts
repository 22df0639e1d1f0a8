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
import { DataSharingAgreement } from '../agreements/agreement.entity';
import { CaseFile, Consent } from '../cases/public';
import { Agency } from '../directory/agency.entity';
import { AppUser } from '../directory/app-user.entity';
import { EscalationState } from '../escalation/escalation-state';
import type { ReferralStatus } from './referral-lifecycle';

export const URGENCIES = ['emergency', 'priority', 'routine'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const OVERRIDE_BASES = ['best_interests', 'vital_interests'] as const;
export type OverrideBasis = (typeof OVERRIDE_BASES)[number];

/**
 * A referral of a case to a service at another agency (or to another country's authority).
 * Holds no case data: what travels is in referral_snapshot.
 */
@Entity('referral')
@Index('referral_inbox_idx', ['recipientAgencyId', 'createdAt', 'id'])
@Index('referral_outbox_idx', ['senderAgencyId', 'createdAt', 'id'])
@Index('referral_case_idx', ['caseId'])
@Index('referral_consent_idx', ['consentId'])
// Monitoring reads a country's referrals dispatched in a period (src/monitoring/metrics/referrals.metric.ts).
@Index('referral_sender_country_dispatched_idx', ['senderCountry', 'dispatchedAt'])
// The overdue scan's index (ReferralOverdueSource repeats this predicate): unanswered referrals
// below the last escalation level, so answered or fully escalated ones cost the scan nothing.
@Index('referral_overdue_scan_idx', ['responseDueAt', 'id'], {
  where: "status IN ('dispatched', 'delivered', 'delivery_failed') AND escalation_level < 3",
})
export class Referral {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'referral_case_fk' })
  case?: CaseFile;

  @Column({ type: 'uuid' })
  senderAgencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sender_agency_id', foreignKeyConstraintName: 'referral_sender_agency_fk' })
  senderAgency?: Agency;

  @Column({ type: 'uuid' })
  senderUserId: string;

  @ManyToOne(() => AppUser, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sender_user_id', foreignKeyConstraintName: 'referral_sender_user_fk' })
  senderUser?: AppUser;

  /** The sender agency's country: its policy sets the response deadline. */
  @Column({ type: 'char', length: 2 })
  senderCountry: string;

  @Column({ type: 'uuid' })
  recipientAgencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recipient_agency_id', foreignKeyConstraintName: 'referral_recipient_agency_fk' })
  recipientAgency?: Agency;

  @Column({ type: 'char', length: 2 })
  recipientCountry: string;

  /** The recipient is outside Enlace: delivered by signed HTTP, answers through the inbound route. */
  @Column({ type: 'boolean' })
  external: boolean;

  @Column({ type: 'text' })
  serviceType: string;

  @Column({ type: 'text' })
  purpose: string;

  @Column({ type: 'text' })
  urgency: Urgency;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'uuid', nullable: true })
  consentId: string | null;

  @ManyToOne(() => Consent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'consent_id', foreignKeyConstraintName: 'referral_consent_fk' })
  consent?: Consent;

  /** A supervisor's documented override instead of consent. */
  @Column({ type: 'text', nullable: true })
  overrideBasis: OverrideBasis | null;

  @Column({ type: 'text', nullable: true })
  overrideReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  overrideBy: string | null;

  /** Sensitive categories the override names explicitly (nothing sensitive travels otherwise). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  overrideSensitiveCategories: string[];

  /** Categories the sender asked for (empty: everything allowed). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  requestedCategories: string[];

  /** Null when sender and recipient are the same agency. */
  @Column({ type: 'uuid', nullable: true })
  agreementId: string | null;

  @ManyToOne(() => DataSharingAgreement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agreement_id', foreignKeyConstraintName: 'referral_agreement_fk' })
  agreement?: DataSharingAgreement;

  @Column({ type: 'text', default: 'draft' })
  status: ReferralStatus;

  /** Rejection or cancellation reason, or the last delivery error. */
  @Column({ type: 'text', nullable: true })
  statusReason: string | null;

  /** The service outcome reported on completion. */
  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  @Column({ type: 'integer', default: 0 })
  snapshotVersion: number;

  /** Set when the consent it relies on is withdrawn: the snapshot is no longer readable. */
  @Column({ type: 'timestamptz', nullable: true })
  accessRevokedAt: Date | null;

  /** Increments on each sender retry after a failed delivery (part of the job id, not of the idempotency key). */
  @Column({ type: 'integer', default: 0 })
  deliveryRound: number;

  @Column({ type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  responseDueAt: Date | null;

  /** Where the deadline came from: "config/policy/default.yaml#referral.responseDeadline.priority = 72h". */
  @Column({ type: 'text', nullable: true })
  responseDueExplain: string | null;

  /** overdue_since (response_due_at + grace once the first level fires) and escalation_level. */
  @Column(() => EscalationState, { prefix: false })
  escalation: EscalationState;

  /** The external system's own reference, from its acknowledgement. */
  @Column({ type: 'text', nullable: true })
  externalReference: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
