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
import { CaseFile } from '../case-file.entity';

export const BID_TRIGGERS = ['durable_solution', 'separation_from_parents'] as const;
/** convened -> decided -> (review) confirmed | reopened -> decided ... */
export type BidStatus = 'convened' | 'decided' | 'confirmed' | 'reopened';

/** A best-interests determination: a panel decision with reasons and a gender and diversity perspective. */
@Entity('best_interests_determination')
@Index('bid_case_idx', ['caseId'])
export class BestInterestsDetermination {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'bid_case_fk' })
  case?: CaseFile;

  @Column({ type: 'text' })
  trigger: string;

  @Column({ type: 'text', default: 'convened' })
  status: string;

  @Column({ type: 'text', nullable: true })
  decision: string | null;

  @Column({ type: 'text', nullable: true })
  reasons: string | null;

  @Column({ type: 'text', nullable: true })
  genderDiversityPerspective: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'text', nullable: true })
  reviewOutcome: string | null;

  @Column({ type: 'text', nullable: true })
  reviewReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  reviewedBy: string | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
