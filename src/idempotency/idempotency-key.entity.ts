import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One client write sent with an `Idempotency-Key`, kept IDEMPOTENCY_TTL_HOURS so a retry over a
 * poor connection gets the first answer instead of doing the work twice. The stored answer is
 * the one its user already received (or would have): it never leaves that user (key scope).
 */
@Entity('idempotency_key')
@Index('idempotency_key_expires_idx', ['expiresAt'])
export class IdempotencyKey {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  /** sha256 of method, path and body: the same key with another request is refused. */
  @Column({ type: 'text' })
  fingerprint: string;

  /** started | completed */
  @Column({ type: 'text' })
  state: string;

  /** Set inside the request's first write transaction: its work committed (see the interceptor). */
  @Column({ type: 'boolean', default: false })
  workCommitted: boolean;

  /** A started request whose process died is taken over after this instant (if nothing committed). */
  @Column({ type: 'timestamptz' })
  lockedUntil: Date;

  @Column({ type: 'int', nullable: true })
  responseStatus: number | null;

  @Column({ type: 'jsonb', nullable: true })
  responseBody: unknown;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
