import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Referral } from './referral.entity';

/**
 * What a referral carries, frozen: never updated. Amending a referral inserts the next version.
 * `contentHash` is the SHA-256 of the canonical JSON of {categories, data}.
 */
@Entity('referral_snapshot')
@Index('referral_snapshot_version_key', ['referralId', 'version'], { unique: true })
export class ReferralSnapshot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  referralId: string;

  @ManyToOne(() => Referral, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'referral_snapshot_referral_fk' })
  referral?: Referral;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text', array: true })
  categories: string[];

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @Column({ type: 'text' })
  contentHash: string;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
