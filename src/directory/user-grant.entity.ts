import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../common/role';
import { Agency } from './agency.entity';
import { AppUser } from './app-user.entity';

export const GRANT_KINDS = ['create', 'change', 'reset'] as const;
export type GrantKind = (typeof GRANT_KINDS)[number];
export const GRANT_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

/**
 * A request to give a user a role that needs a second person (see SECOND_PERSON_ROLES): a new
 * account (`create`), a role or agency change (`change`), or new credentials (`reset`). Nothing
 * takes effect until someone other than the requester approves it; at most one is pending per user.
 */
@Entity('user_grant')
@Index('user_grant_country_status_idx', ['countryCode', 'status'])
@Index('user_grant_pending_key', ['userId'], { unique: true, where: `status = 'pending'` })
export class UserGrant {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'user_grant_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'user_grant_user_fk' })
  user?: AppUser;

  @Column({ type: 'text' })
  kind: GrantKind;

  /** The role the user will hold once approved. */
  @Column({ type: 'text' })
  role: Role;

  /** The agency the user will belong to once approved. */
  @Column({ type: 'uuid' })
  agencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'user_grant_agency_fk' })
  agency?: Agency;

  /** The agency's country: whose administrators may decide. */
  @Column({ type: 'text' })
  countryCode: string;

  @Column({ type: 'text', default: 'pending' })
  status: GrantStatus;

  @Column({ type: 'uuid' })
  requestedBy: string;

  @Column({ type: 'timestamptz' })
  requestedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;
}
