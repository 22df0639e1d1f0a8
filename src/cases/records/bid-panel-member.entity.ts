import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AppUser } from '../../directory/app-user.entity';
import { BestInterestsDetermination } from './best-interests-determination.entity';

/** A member of a BID panel; no access to the determination before signing the confidentiality undertaking. */
@Entity('bid_panel_member')
@Index('bid_panel_member_key', ['bidId', 'userId'], { unique: true })
export class BidPanelMember {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bidId: string;

  @ManyToOne(() => BestInterestsDetermination, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'bid_id', foreignKeyConstraintName: 'bid_panel_member_bid_fk' })
  bid?: BestInterestsDetermination;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => AppUser, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'bid_panel_member_user_fk' })
  user?: AppUser;

  /** e.g. chair, psychologist, legal advisor, child protection officer. */
  @Column({ type: 'text' })
  panelRole: string;

  @Column({ type: 'timestamptz', nullable: true })
  undertakingSignedAt: Date | null;
}
