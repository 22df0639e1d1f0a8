import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Agency } from './agency.entity';
import type { Role } from '../common/role';

export const ACCESS_STATES = ['awaiting_approval', 'awaiting_activation', 'rejected', 'active'] as const;
export type AccessState = (typeof ACCESS_STATES)[number];

/** A person who signs in to Enlace, attached to one agency with one role. */
@Entity('app_user')
@Index('app_user_agency_idx', ['agencyId'])
export class AppUser {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  agencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'app_user_agency_fk' })
  agency?: Agency;

  @Column({ type: 'text' })
  role: Role;

  /** Lower-cased; unique. */
  @Index('app_user_email_key', { unique: true })
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  fullName: string;

  @Column({ type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /**
   * Whether the account may sign in yet: `awaiting_approval` (a grant needs a second person),
   * `awaiting_activation` (the user has not set a password through an activation token),
   * `rejected`, or `active`. Rows inserted directly (seed, fixtures) are `active`.
   */
  @Column({ type: 'text', default: 'active' })
  accessState: AccessState;

  @Column({ type: 'text', default: 'es' })
  language: 'es' | 'en';

  @Column({ type: 'integer', default: 0 })
  failedLogins: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
