import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One line of the append-only, hash-chained audit trail. It names who did what to which record
 * and which field classes were touched, never the personal data itself. A request inserts the
 * row with its change (id only); the sequencer seals it later (seq, prev_hash, hash, sealed_at),
 * once. The database refuses any other UPDATE, and DELETE and TRUNCATE (see the migrations'
 * triggers).
 */
@Entity('audit_entry')
@Index('audit_entry_subject_idx', ['subjectType', 'subjectId', 'id'])
@Index('audit_entry_case_idx', ['caseId', 'id'])
@Index('audit_entry_actor_idx', ['actorUserId', 'id'])
// BRIN (migration 1795011600000): occurred_at follows insertion order; cheap on every write.
@Index('audit_entry_time_idx', ['occurredAt'], { type: 'brin' })
@Index('audit_entry_country_idx', ['actorCountryCode', 'id'])
@Index('audit_entry_unsealed_idx', ['id'], { where: 'seq IS NULL' })
@Check(
  'audit_entry_sealed_together',
  `("seq" IS NULL) = ("prev_hash" IS NULL) AND ("seq" IS NULL) = ("hash" IS NULL)
      AND ("seq" IS NULL) = ("sealed_at" IS NULL)`,
)
export class AuditEntry {
  /** Insertion order (identity): always present, the order of reads and of sealing. */
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'BY DEFAULT',
    primaryKeyConstraintName: 'PK_audit_entry',
  })
  id: string;

  /** Position in the chain, gap-free; null until the sequencer seals the row. */
  @Index('audit_entry_seq_key', { unique: true })
  @Column({ type: 'bigint', nullable: true })
  seq: string | null;

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

  @Column({ type: 'text', nullable: true })
  prevHash: string | null;

  @Column({ type: 'text', nullable: true })
  hash: string | null;

  /** When the sequencer sealed the row (null until then). */
  @Column({ type: 'timestamptz', nullable: true })
  sealedAt: Date | null;
}
