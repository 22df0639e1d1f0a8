import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { ChildData } from './child-data';

/**
 * A child, registered once. Reception events and cases point here, so a child returned again
 * keeps one identity and one history (cases, interviews). The data here is what the first
 * registration recorded, and it is that case's record: a case linked later keeps its own
 * (LinkedChildRecord), so a link never shows one agency what another recorded. Field classes are
 * declared in case.fields.ts.
 * At the cases root, not in intake/: the case file points at its child and every wing reads it.
 */
@Entity('child')
@Index('child_nationality_dob_idx', ['nationality', 'dateOfBirth'])
// GIN trigram index for fuzzy name matching; created by migration (operator class), ignored by sync.
@Index('child_search_name_trgm_idx', { synchronize: false })
export class Child extends ChildData {
  @PrimaryGeneratedColumn('uuid')
  id: string;

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
