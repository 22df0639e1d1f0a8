import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A job waiting to be handed to Redis. Written in the same transaction as the change that needs
 * it, so a committed change is never without its job even if Redis was down at commit time.
 */
@Entity('outbox_message')
@Index('outbox_message_unpublished_idx', ['id'], { where: 'published_at IS NULL' })
export class OutboxMessage {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  queue: string;

  @Column({ type: 'text' })
  jobName: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** BullMQ job id: the same id twice yields one job, so a relay retry cannot duplicate work. */
  @Column({ type: 'text' })
  jobId: string;

  @Column({ type: 'integer', default: 0 })
  delayMs: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;
}
