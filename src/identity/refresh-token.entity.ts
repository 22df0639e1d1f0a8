import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One refresh token, stored as its sha256 (the token itself is only ever in the client's hands).
 * Tokens issued from one login share a family: each refresh marks the old token used and issues
 * the next one in the family; presenting a used token again revokes the whole family.
 */
@Entity('refresh_token')
@Index('refresh_token_family_idx', ['familyId'])
@Index('refresh_token_user_idx', ['userId'])
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  // The directory's account row, named by entity name: identity sits below the directory.
  @ManyToOne('AppUser', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'refresh_token_user_fk' })
  user?: unknown;

  @Column({ type: 'uuid' })
  familyId: string;

  /** Hex sha256 of the token. */
  @Index('refresh_token_hash_key', { unique: true })
  @Column({ type: 'text' })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  issuedAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  /** Set when the token was exchanged for the next one; a second use is a reuse. */
  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  /** Set on logout, reuse detection, password change or deactivation. */
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
