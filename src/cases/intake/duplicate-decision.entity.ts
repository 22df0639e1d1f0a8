import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CaseFile } from '../case-file.entity';

/**
 * What the caseworker decided when registration found possible matches: `link` (same child,
 * returned again) or `different_child` (the candidates reviewed are other children);
 * `no_candidates` when the search found nothing.
 */
@Entity('duplicate_decision')
@Index('duplicate_decision_case_idx', ['caseId'])
export class DuplicateDecision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'duplicate_decision_case_fk' })
  case?: CaseFile;

  @Column({ type: 'text' })
  decision: string;

  /** The child the case ended up on. */
  @Column({ type: 'uuid' })
  childId: string;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  candidateIds: string[];

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  reviewedCandidateIds: string[];

  @Column({ type: 'uuid' })
  decidedBy: string;

  @Column({ type: 'timestamptz' })
  decidedAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
