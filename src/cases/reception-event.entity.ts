import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Agency } from '../directory/agency.entity';
import { CaseFile } from './case-file.entity';
import { Child } from './child.entity';

export const ACCOMPANIMENT = ['unaccompanied', 'separated', 'accompanied'] as const;

/**
 * One arrival of a child at a reception centre. A child returned again gets a new reception event
 * (and a new case) on the same child record, so the history stays in one place.
 * At the cases root, not in intake/: intake writes it, the case view and repository read it.
 */
@Entity('reception_event')
@Index('reception_event_child_idx', ['childId', 'receivedAt'])
@Index('reception_event_case_idx', ['caseId'])
export class ReceptionEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  childId: string;

  @ManyToOne(() => Child, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'child_id', foreignKeyConstraintName: 'reception_event_child_fk' })
  child?: Child;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'reception_event_case_fk' })
  case?: CaseFile;

  @Column({ type: 'timestamptz' })
  receivedAt: Date;

  /** The reception centre (an agency of the directory). */
  @Column({ type: 'uuid' })
  receptionCenterId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reception_center_id', foreignKeyConstraintName: 'reception_event_center_fk' })
  receptionCenter?: Agency;

  /** Country the child was returned from (ISO 3166-1 alpha-2). */
  @Column({ type: 'char', length: 2 })
  returnedFrom: string;

  /** config/vocabularies/means-of-return.yaml */
  @Column({ type: 'text' })
  meansOfReturn: string;

  /** unaccompanied | separated | accompanied */
  @Column({ type: 'text' })
  accompaniment: string;

  @Column({ type: 'uuid' })
  recordedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
