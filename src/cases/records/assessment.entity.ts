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
import { ReviewColumns, withReviewFields } from './review-columns';

export const ASSESSMENT_TYPES = ['initial', 'comprehensive', 'psychosocial', 'best_interests'] as const;
export type AssessmentType = (typeof ASSESSMENT_TYPES)[number];
export type AssessmentStatus = 'draft' | 'submitted' | 'approved' | 'returned';

export interface Finding {
  /** config/vocabularies/assessment-domains.yaml */
  domain: string;
  finding: string;
  /** high | medium | low: the concern level in this domain. */
  concern?: string;
}

/** An assessment of the child's situation: findings per domain and a risk rating, approved by a supervisor. */
@Entity('assessment')
@Index('assessment_case_idx', ['caseId', 'createdAt'])
export class Assessment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'assessment_case_fk' })
  case?: CaseFile;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'text', default: 'draft' })
  status: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  findings: Finding[];

  @Column({ type: 'text' })
  riskRating: string;

  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Column({ type: 'timestamptz' })
  conductedAt: Date;

  @Column({ type: 'uuid' })
  authorId: string;

  /** submitted_at, reviewed_by, reviewed_at, review_comment (review-columns.ts). */
  @Column(() => ReviewColumns, { prefix: false })
  review: ReviewColumns;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;

  toJSON() {
    return withReviewFields(this);
  }
}
