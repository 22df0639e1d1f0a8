import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Referral } from './referral.entity';

/** One row per lifecycle transition: the referral's history. */
@Entity('referral_status_change')
@Index('referral_status_change_referral_idx', ['referralId', 'id'])
export class ReferralStatusChange {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  referralId: string;

  @ManyToOne(() => Referral, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'referral_status_change_referral_fk' })
  referral?: Referral;

  @Column({ type: 'text', nullable: true })
  fromStatus: string | null;

  @Column({ type: 'text' })
  toStatus: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** user (in Enlace) | external (the recipient's system) | system (delivery worker, consent withdrawal) */
  @Column({ type: 'text' })
  source: 'user' | 'external' | 'system';

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorAgencyId: string | null;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;
}
