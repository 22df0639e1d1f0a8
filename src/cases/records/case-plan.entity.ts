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

export const REINTEGRATION_DIMENSIONS = [
  'economic_education',
  'social',
  'psychosocial',
  'safety_family',
] as const;

export interface PlanGoal {
  dimension: string;
  goal: string;
  actions: { description: string; responsibleAgencyId: string; dueAt: string }[];
}

/**
 * One version of a case plan. A new version is a new row (planNumber + 1); approving it
 * supersedes the previously approved one, so every version is kept.
 */
@Entity('case_plan')
@Index('case_plan_version_key', ['caseId', 'planNumber'], { unique: true })
export class CasePlan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_plan_case_fk' })
  case?: CaseFile;

  /** 1, 2, 3... per case. */
  @Column({ type: 'int' })
  planNumber: number;

  /** draft | submitted | approved | returned | superseded */
  @Column({ type: 'text', default: 'draft' })
  status: string;

  @Column({ type: 'jsonb' })
  goals: PlanGoal[];

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
