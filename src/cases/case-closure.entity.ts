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
import { CaseFile } from './case-file.entity';

export const CLOSURE_REASONS = [
  'goals_met',
  'declined',
  'turned_of_age',
  'transferred',
  'lost_contact',
  're_migrated',
  'death',
] as const;

/** A closure request (or an age-of-majority extension) and the supervisor's decision on it. */
@Entity('case_closure')
@Index('case_closure_case_idx', ['caseId', 'requestedAt'])
export class CaseClosure {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_closure_case_fk' })
  case?: CaseFile;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** requested | approved | rejected */
  @Column({ type: 'text', default: 'requested' })
  status: string;

  @Column({ type: 'uuid' })
  requestedBy: string;

  @Column({ type: 'timestamptz' })
  requestedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  decisionComment: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
