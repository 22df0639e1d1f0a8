import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/**
 * A child, registered once. Reception events and cases point here, so a child returned again
 * keeps one identity and one history (cases, interviews). The data here is what the first
 * registration recorded, and it is that case's record: a case linked later keeps its own
 * (LinkedChildRecord), so a link never shows one agency what another recorded. Field classes are
 * declared in case.fields.ts.
 */
@Entity('child')
@Index('child_nationality_dob_idx', ['nationality', 'dateOfBirth'])
// GIN trigram index for fuzzy name matching; created by migration (operator class), ignored by sync.
@Index('child_search_name_trgm_idx', { synchronize: false })
export class Child {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  firstNames: string;

  @Column({ type: 'text' })
  lastNames: string;

  /** Exact or estimated date of birth (see dobEstimated). */
  @Column({ type: 'date', nullable: true })
  dateOfBirth: string | null;

  @Column({ type: 'boolean', default: false })
  dobEstimated: boolean;

  /** female | male | intersex | unknown */
  @Column({ type: 'text' })
  sex: string;

  @Column({ type: 'text', nullable: true })
  genderIdentity: string | null;

  @Column({ type: 'char', length: 2 })
  nationality: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  languages: string[];

  /** Indigenous people or afro-descendant identity, self-declared. */
  @Column({ type: 'text', nullable: true })
  ethnicIdentity: string | null;

  @Column({ type: 'text', nullable: true })
  disability: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  documents: { type: string; number: string; country?: string }[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  familyContacts: { name: string; relationship: string; phone?: string; address?: string }[];

  /** Names normalized for fuzzy search (lower case, no accents, sorted words); maintained by the service. */
  @Column({ type: 'text' })
  searchName: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

/** What a case recorded about the child: its own `child` row, or its LinkedChildRecord. */
export type ChildData = Pick<
  Child,
  | 'firstNames'
  | 'lastNames'
  | 'dateOfBirth'
  | 'dobEstimated'
  | 'sex'
  | 'genderIdentity'
  | 'nationality'
  | 'languages'
  | 'ethnicIdentity'
  | 'disability'
  | 'documents'
  | 'familyContacts'
>;
