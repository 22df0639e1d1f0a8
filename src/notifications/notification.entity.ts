import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AppUser } from '../directory/app-user.entity';

/**
 * An in-app inbox entry. Content is operational only (case number, type, due date, level):
 * never names, notes or anything identifying, since lead-unit officers receive them too.
 */
@Entity('notification')
@Index('notification_inbox_idx', ['userId', 'createdAt', 'id'])
@Index('notification_unread_idx', ['userId', 'createdAt'], { where: 'read_at IS NULL' })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'notification_user_fk' })
  user?: AppUser;

  /** follow_up.overdue | referral.overdue | case.lost_contact | referral.responded | ... */
  @Column({ type: 'text' })
  type: string;

  /** Escalation level for overdue notices: caseworker | supervisor | lead_unit. */
  @Column({ type: 'text', nullable: true })
  level: string | null;

  @Column({ type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ type: 'text', nullable: true })
  caseNumber: string | null;

  @Column({ type: 'text', nullable: true })
  subjectType: string | null;

  @Column({ type: 'uuid', nullable: true })
  subjectId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  /** Further operational details (follow-up type, referral status). */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  data: Record<string, string | number | boolean | null>;

  /** Set from the Clock, so tests and the scan's `asOf` control it. */
  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
