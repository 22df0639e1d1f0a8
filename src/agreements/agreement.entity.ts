import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/** The statuses an administrator may ask for; `active` waits in `pending_approval` for the parties. */
export const REQUESTED_AGREEMENT_STATUSES = ['draft', 'active', 'suspended', 'terminated'] as const;
export type RequestedAgreementStatus = (typeof REQUESTED_AGREEMENT_STATUSES)[number];
export const AGREEMENT_STATUSES = [...REQUESTED_AGREEMENT_STATUSES, 'pending_approval'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** One involved country's consent to the agreement's current terms, given by one of its administrators. */
export interface AgreementApproval {
  countryCode: string;
  approvedBy: string;
  /** ISO 8601. */
  approvedAt: string;
}

/**
 * A data-sharing agreement (convenio) between agencies and/or countries. A party country covers
 * every agency of that country. A referral between two different agencies needs an active,
 * valid agreement covering both of them and the referral's purpose; only the agreement's data
 * categories may travel. It is active only once every involved country has approved its terms
 * (agreement-approval.ts).
 */
@Entity('data_sharing_agreement')
export class DataSharingAgreement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The agreement's reference in the signatories' records (e.g. "CONV-GT-MX-2026-04"). */
  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  partyAgencyIds: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  partyCountryCodes: string[];

  /** Party countries plus the countries of the party agencies: the administrators' scope. */
  @Column({ type: 'text', array: true })
  involvedCountries: string[];

  @Column({ type: 'text', array: true })
  purposes: string[];

  @Column({ type: 'text', array: true })
  dataCategories: string[];

  @Column({ type: 'timestamptz' })
  validFrom: Date;

  @Column({ type: 'timestamptz', nullable: true })
  validUntil: Date | null;

  @Column({ type: 'text', default: 'active' })
  status: AgreementStatus;

  /** One entry per involved country that approved the current terms. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  approvals: AgreementApproval[];

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
