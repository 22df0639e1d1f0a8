import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CaseFile } from '../case-file.entity';

/**
 * Consent (and the child's assent) for processing and sharing: for which purposes, recipients and
 * data categories. Withdrawal sets withdrawnAt and takes effect at once for everything that
 * depends on it (referral snapshots, future sharing).
 */
@Entity('consent')
@Index('consent_case_idx', ['caseId'])
export class Consent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'consent_case_fk' })
  case?: CaseFile;

  /** child | parent | guardian | authority */
  @Column({ type: 'text' })
  givenBy: string;

  /** Whether the child assented (where age allows). */
  @Column({ type: 'boolean', nullable: true })
  childAssent: boolean | null;

  /** Purposes covered, from config/vocabularies/consent-purposes.yaml (e.g. health_care, education, documentation). */
  @Column({ type: 'text', array: true })
  purposes: string[];

  /** Recipient agencies covered; empty with anyRecipientInCountry = any agency in the case's country. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  recipientAgencyIds: string[];

  @Column({ type: 'boolean', default: false })
  anyRecipientInCountry: boolean;

  /** Data categories that may be shared (config/vocabularies/data-categories.yaml). */
  @Column({ type: 'text', array: true })
  dataCategories: string[];

  @Column({ type: 'timestamptz' })
  givenAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'uuid' })
  recordedBy: string;

  @Column({ type: 'uuid', nullable: true })
  withdrawnBy: string | null;

  @Column({ type: 'text', nullable: true })
  withdrawalReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** Is the consent in force at `at` (given, not expired, not withdrawn)? The consent list shows it; referrals rely on it. */
export function consentInForce(consent: Consent, at: Date): boolean {
  return consent.givenAt <= at && !consent.withdrawnAt && (!consent.expiresAt || consent.expiresAt > at);
}
