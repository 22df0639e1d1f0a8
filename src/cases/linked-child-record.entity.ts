import { CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { CaseFile } from './case-file.entity';
import { ChildData } from './child-data';

/**
 * What a case linked to an already registered child (returned again) recorded about the child
 * itself. The case reads this instead of the `child` row, which holds what the first registration
 * recorded (possibly another agency, another country): a link shares the identity and the
 * operational history, never the other cases' content. See childRecordOf.
 * At the cases root, not in intake/: intake writes it, childRecordOf (core) reads it.
 */
@Entity('linked_child_record')
export class LinkedChildRecord extends ChildData {
  @PrimaryColumn({ type: 'uuid' })
  caseId: string;

  @OneToOne(() => CaseFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'linked_child_record_case_fk' })
  case?: CaseFile;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
