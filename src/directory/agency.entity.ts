import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export const AGENCY_TYPES = [
  'reception_center',
  'national_lead_unit',
  'child_protection_authority',
  'consulate',
  'health',
  'education',
  'civil_registry',
  'local_government',
  'ngo',
  'international_organization',
] as const;
export type AgencyType = (typeof AGENCY_TYPES)[number];

/** An institution of the CRM network: on Enlace (has users and an inbox) or external (receives signed HTTP). */
@Entity('agency')
@Index('agency_country_type_idx', ['countryCode', 'type'])
export class Agency {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'char', length: 2 })
  countryCode: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  acronym: string | null;

  /** Town or city of the office, so caseworkers can pick the nearest one. */
  @Column({ type: 'text', nullable: true })
  city: string | null;

  /** The agency's institutional contact (not a person's). */
  @Column({ type: 'text', nullable: true })
  contactEmail: string | null;

  @Column({ type: 'text', nullable: true })
  contactPhone: string | null;

  @Column({ type: 'text' })
  type: AgencyType;

  /** Service types offered (vocabulary in config/vocabularies/service-types.yaml). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  services: string[];

  /** false: the agency is not on Enlace and receives referrals at `deliveryEndpoint`. */
  @Column({ type: 'boolean', default: true })
  onEnlace: boolean;

  @Column({ type: 'text', nullable: true })
  deliveryEndpoint: string | null;

  /** Name of the environment variable holding the HMAC secret shared with the external agency (never the secret). */
  @Column({ type: 'text', nullable: true })
  signingSecretRef: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
