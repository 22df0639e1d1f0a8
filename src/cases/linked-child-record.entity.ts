import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { CaseFile } from './case-file.entity';
import type { ChildData } from './child.entity';

/**
 * What a case linked to an already registered child (returned again) recorded about the child
 * itself. The case reads this instead of the `child` row, which holds what the first registration
 * recorded (possibly another agency, another country): a link shares the identity and the
 * operational history, never the other cases' content. See childRecordOf.
 */
@Entity('linked_child_record')
export class LinkedChildRecord implements ChildData {
  @PrimaryColumn({ type: 'uuid' })
  caseId: string;

  @OneToOne(() => CaseFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'linked_child_record_case_fk' })
  case?: CaseFile;

  @Column({ type: 'text' })
  firstNames: string;

  @Column({ type: 'text' })
  lastNames: string;

  @Column({ type: 'date', nullable: true })
  dateOfBirth: string | null;

  @Column({ type: 'boolean', default: false })
  dobEstimated: boolean;

  @Column({ type: 'text' })
  sex: string;

  @Column({ type: 'text', nullable: true })
  genderIdentity: string | null;

  @Column({ type: 'char', length: 2 })
  nationality: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  languages: string[];

  @Column({ type: 'text', nullable: true })
  ethnicIdentity: string | null;

  @Column({ type: 'text', nullable: true })
  disability: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  documents: { type: string; number: string; country?: string }[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  familyContacts: { name: string; relationship: string; phone?: string; address?: string }[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
