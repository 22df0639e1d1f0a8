import { Column } from 'typeorm';

/**
 * What a registration records about the child, as columns: the `child` row (what the first
 * registration recorded) and a linked case's own LinkedChildRecord share them. Field classes are
 * declared in case.fields.ts.
 */
export abstract class ChildData {
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
}
