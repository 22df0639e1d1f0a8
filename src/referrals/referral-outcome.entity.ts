import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CaseFile } from '../cases/public';
import { Referral } from './referral.entity';

/** The service outcome written back to the sender's case when a referral is completed. */
@Entity('referral_outcome')
@Index('referral_outcome_case_idx', ['caseId', 'completedAt'])
export class ReferralOutcome {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'referral_outcome_case_fk' })
  case?: CaseFile;

  @Index('referral_outcome_referral_key', { unique: true })
  @Column({ type: 'uuid' })
  referralId: string;

  @ManyToOne(() => Referral, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'referral_outcome_referral_fk' })
  referral?: Referral;

  @Column({ type: 'uuid' })
  recipientAgencyId: string;

  @Column({ type: 'text' })
  serviceType: string;

  @Column({ type: 'text' })
  outcome: string;

  /** user | external */
  @Column({ type: 'text' })
  reportedVia: string;

  @Column({ type: 'timestamptz' })
  completedAt: Date;
}
