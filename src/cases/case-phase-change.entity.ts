import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CaseFile } from './case-file.entity';

/** History of a case's phases: one row per transition (including closure and reopening). */
@Entity('case_phase_change')
@Index('case_phase_change_case_idx', ['caseId', 'changedAt'])
export class CasePhaseChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_phase_change_case_fk' })
  case?: CaseFile;

  @Column({ type: 'text', nullable: true })
  fromPhase: string | null;

  @Column({ type: 'text' })
  toPhase: string;

  /** Why: a user's reason, or the event that moved it (assessment_approved, plan_approved...). */
  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'uuid' })
  changedBy: string;

  @Column({ type: 'timestamptz' })
  changedAt: Date;

  /** Wall-clock insertion time, to order changes made at the same (domain) instant. */
  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  recordedAt: Date;
}
