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
import { Child } from '../child.entity';

/**
 * An interview with the child (no re-victimization): who, when, why, which topics. Topics already
 * documented for the child (in any of the child's cases) need a stated reason to be asked again.
 */
@Entity('interview')
@Index('interview_child_idx', ['childId', 'conductedAt'])
@Index('interview_case_idx', ['caseId', 'conductedAt'])
@Index('interview_country_time_idx', ['countryCode', 'conductedAt', 'agencyId', 'childId'])
@Index('interview_agency_time_idx', ['agencyId', 'conductedAt', 'childId'])
export class Interview {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'interview_case_fk' })
  case?: CaseFile;

  @Column({ type: 'uuid' })
  childId: string;

  /**
   * The case's country and agency, for monitoring scopes only. Written and read only by the
   * database (a trigger copies them from the case, migrations/1795011900000-InterviewScope.ts).
   * Declared for the schema check; never loaded, written or answered by the app, hence the
   * `undefined` type (also keeps them out of the OpenAPI document).
   */
  @Column({ type: 'char', length: 2, insert: false, update: false, select: false })
  countryCode: undefined;

  @Column({ type: 'uuid', insert: false, update: false, select: false })
  agencyId: undefined;

  @ManyToOne(() => Child, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'child_id', foreignKeyConstraintName: 'interview_child_fk' })
  child?: Child;

  @Column({ type: 'uuid' })
  interviewerId: string;

  @Column({ type: 'timestamptz' })
  conductedAt: Date;

  @Column({ type: 'text' })
  purpose: string;

  /** config/vocabularies/interview-topics.yaml */
  @Column({ type: 'text', array: true })
  topics: string[];

  /** Topics that were already documented when this interview was recorded. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  repeatedTopics: string[];

  @Column({ type: 'text', nullable: true })
  repeatReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
