import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Referral } from './referral.entity';

/**
 * One row per delivery that reached the recipient (a snapshot version, or a withdrawal notice).
 * Unique on the idempotency key: a duplicate or retried job finds the row and delivers nothing.
 */
@Entity('referral_delivery')
@Index('referral_delivery_referral_idx', ['referralId'])
export class ReferralDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('referral_delivery_key', { unique: true })
  @Column({ type: 'text' })
  idempotencyKey: string;

  @Column({ type: 'uuid' })
  referralId: string;

  @ManyToOne(() => Referral, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'referral_delivery_referral_fk' })
  referral?: Referral;

  /** referral (a snapshot version) | withdrawal (consent withdrawn notice) */
  @Column({ type: 'text' })
  kind: 'referral' | 'withdrawal';

  @Column({ type: 'integer', nullable: true })
  snapshotVersion: number | null;

  /** inbox (internal recipient) | http (external system) */
  @Column({ type: 'text' })
  channel: 'inbox' | 'http';

  @Column({ type: 'integer', nullable: true })
  httpStatus: number | null;

  /** From the external acknowledgement. */
  @Column({ type: 'timestamptz', nullable: true })
  receivedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  externalReference: string | null;

  @Column({ type: 'integer' })
  attempt: number;

  @Column({ type: 'timestamptz' })
  deliveredAt: Date;
}
