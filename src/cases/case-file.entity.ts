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
import { Agency } from '../directory/agency.entity';
import { Child } from './child.entity';

/** Lawful bases for processing a child's data (registration sets one, reassignment may change it). */
export const LEGAL_BASES = [
  'consent',
  'vital_interests',
  'legal_obligation',
  'public_interest',
  'best_interests',
];

export const CASE_PHASES = [
  'registration',
  'assessment',
  'case_plan',
  'implementation',
  'follow_up',
  'closed',
] as const;
export type CasePhase = (typeof CASE_PHASES)[number];
export const RISK_LEVELS = ['high', 'medium', 'low'] as const;

/**
 * A protection case for one child at one agency ("case_file": `case` is an SQL keyword).
 * Operational columns here are what monitoring and list queries read.
 */
@Entity('case_file')
@Index('case_file_agency_idx', ['agencyId', 'openedAt', 'id'])
@Index('case_file_assignee_idx', ['assignedUserId', 'openedAt', 'id'])
@Index('case_file_country_phase_idx', ['countryCode', 'phase', 'riskLevel'])
@Index('case_file_child_idx', ['childId'])
@Index('case_file_assessment_due_idx', ['assessmentDueAt'], { where: "status = 'open'" })
@Index('case_file_plan_due_idx', ['planDueAt'], { where: "status = 'open'" })
@Index('case_file_opened_idx', ['openedAt', 'id'])
export class CaseFile {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Human-readable, per country and year: GT-2026-000123. */
  @Index('case_file_number_key', { unique: true })
  @Column({ type: 'text' })
  caseNumber: string;

  @Column({ type: 'char', length: 2 })
  countryCode: string;

  /** The agency that manages the case. */
  @Column({ type: 'uuid' })
  agencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'case_file_agency_fk' })
  agency?: Agency;

  @Column({ type: 'uuid', nullable: true })
  assignedUserId: string | null;

  @Column({ type: 'uuid' })
  childId: string;

  @ManyToOne(() => Child, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'child_id', foreignKeyConstraintName: 'case_file_child_fk' })
  child?: Child;

  @Column({ type: 'text', default: 'registration' })
  phase: string;

  /** open | closed */
  @Column({ type: 'text', default: 'open' })
  status: string;

  @Column({ type: 'text' })
  riskLevel: string;

  /** Date of the child's return (the reception event that opened the case). */
  @Column({ type: 'timestamptz' })
  returnedAt: Date;

  @Column({ type: 'timestamptz' })
  openedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  closureReason: string | null;

  /** consent | vital_interests | legal_obligation | public_interest | best_interests */
  @Column({ type: 'text' })
  legalBasis: string;

  /** Initial protection concerns, config/vocabularies/protection-concerns.yaml. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  protectionConcerns: string[];

  /** config/vocabularies/immediate-needs.yaml */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  immediateNeeds: string[];

  /** When the pending assessment is due (policy assessment.initialDue); null once approved. */
  @Column({ type: 'timestamptz', nullable: true })
  assessmentDueAt: Date | null;

  /** The policy rule that produced assessmentDueAt. */
  @Column({ type: 'text', nullable: true })
  assessmentDueExplain: string | null;

  /** When the case plan is due (policy casePlan.*); null until an assessment is approved and once a plan is. */
  @Column({ type: 'timestamptz', nullable: true })
  planDueAt: Date | null;

  @Column({ type: 'text', nullable: true })
  planDueExplain: string | null;

  /** The day the child reaches the age of majority (policy ageOfMajority.age); null without a date of birth. */
  @Column({ type: 'date', nullable: true })
  ageOfMajorityOn: string | null;

  /** Support extended past the age of majority (supervisor-approved, up to ageOfMajority.extensionMaxAge). */
  @Column({ type: 'date', nullable: true })
  extendedUntil: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
