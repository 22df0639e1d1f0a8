import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One line of the append-only, hash-chained audit trail. It names who did what to which record
 * and which field classes were touched, never the personal data itself. The database refuses
 * UPDATE, DELETE and TRUNCATE on this table (see the migration's triggers).
 */
@Entity('audit_entry')
@Index('audit_entry_subject_idx', ['subjectType', 'subjectId', 'seq'])
@Index('audit_entry_case_idx', ['caseId', 'seq'])
@Index('audit_entry_actor_idx', ['actorUserId', 'seq'])
@Index('audit_entry_time_idx', ['occurredAt'])
@Index('audit_entry_country_idx', ['actorCountryCode', 'seq'])
export class AuditEntry {
  /** Position in the chain, gap-free order of writing. */
  @PrimaryColumn({ type: 'bigint' })
  seq: string;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'text', nullable: true })
  actorRole: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorAgencyId: string | null;

  /** The actor's agency's country: the auditor's read scope (null for events without an actor). */
  @Column({ type: 'text', nullable: true })
  actorCountryCode: string | null;

  /** e.g. `case.read`, `case.create`, `auth.login.failed`, `referral.share`, `export.csv`. */
  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text', nullable: true })
  subjectType: string | null;

  @Column({ type: 'text', nullable: true })
  subjectId: string | null;

  /** The child's case the entry concerns, so "who has seen this child's record" is one index scan. */
  @Column({ type: 'uuid', nullable: true })
  caseId: string | null;

  /** Field names or classes read or written (never their values). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  fields: string[];

  @Column({ type: 'text', nullable: true })
  purpose: string | null;

  /** allowed | denied | failed */
  @Column({ type: 'text' })
  outcome: string;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  @Column({ type: 'text' })
  prevHash: string;

  @Column({ type: 'text' })
  hash: string;
}
