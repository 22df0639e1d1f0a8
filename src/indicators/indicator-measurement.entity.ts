import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CaseFile } from '../cases/public';

/**
 * One recording of the reintegration indicators for a case, at a follow-up or a post-return
 * checkpoint. `answers` is sensitive (the child's situation); the scores derived from it are
 * operational and are copied to indicator_score for monitoring.
 */
@Entity('indicator_measurement')
@Index('indicator_measurement_case_idx', ['caseId', 'measuredAt'])
export class IndicatorMeasurement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'indicator_measurement_case_fk' })
  case?: CaseFile;

  /** The case's country and managing agency when measured: monitoring attributes the score there. */
  @Column({ type: 'char', length: 2 })
  countryCode: string;

  @Column({ type: 'uuid' })
  agencyId: string;

  @Column({ type: 'timestamptz' })
  measuredAt: Date;

  /** The follow-up at which it was recorded, when there was one (owned by the follow-ups module). */
  @Column({ type: 'uuid', nullable: true })
  followUpId: string | null;

  /** Post-return checkpoint label, e.g. '1mo', '3mo'. */
  @Column({ type: 'text', nullable: true })
  checkpoint: string | null;

  /** Indicator code -> answer value on its scale. Sensitive. */
  @Column({ type: 'jsonb' })
  answers: Record<string, string>;

  /** Dimension code -> 0-100 score (null when no indicator of the dimension was answered). */
  @Column({ type: 'jsonb' })
  dimensionScores: Record<string, number | null>;

  @Column({ type: 'real', nullable: true })
  overallScore: number | null;

  @Column({ type: 'uuid' })
  recordedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
