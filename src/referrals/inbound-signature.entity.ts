import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Signatures of inbound status updates already verified (accepted or refused after verification),
 * kept for the replay window: the same signature twice is a replay. Rows older than the window are purged as new ones arrive.
 */
@Entity('referral_inbound_signature')
@Index('referral_inbound_signature_seen_idx', ['seenAt'])
export class InboundSignature {
  @PrimaryColumn({ type: 'text' })
  signature: string;

  @Column({ type: 'uuid' })
  agencyId: string;

  @Column({ type: 'timestamptz' })
  seenAt: Date;
}
