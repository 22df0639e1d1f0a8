import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A single-use activation token (stored as its sha256): whoever holds it sets the account's
 * password once, before `expiresAt`. Issuing a new one deletes the user's earlier ones.
 */
@Entity('user_activation')
@Index('user_activation_user_idx', ['userId'])
export class UserActivation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'user_activation_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  // The directory's account row, named by entity name: identity sits below the directory.
  @ManyToOne('AppUser', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'user_activation_user_fk' })
  user?: unknown;

  /** Hex sha256 of the token. */
  @Index('user_activation_hash_key', { unique: true })
  @Column({ type: 'text' })
  tokenHash: string;

  /** Who received the token to hand it over (the approver, or the administrator for other roles). */
  @Column({ type: 'uuid' })
  issuedTo: string;

  @Column({ type: 'timestamptz' })
  issuedAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
