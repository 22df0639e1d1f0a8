import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ExportStatus = 'queued' | 'running' | 'ready' | 'failed';

/**
 * A CSV export produced by the worker for a large monitoring request. Holds only what the
 * requester may see (operational fields and aggregates); readable by the requester only.
 */
@Entity('export_file')
@Index('export_file_requester_idx', ['requestedBy', 'createdAt'])
export class ExportFile {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  requestedBy: string;

  /** The requester's role and scope when asking (re-checked by the job): no personal data. */
  @Column({ type: 'jsonb' })
  actor: { role: string; agencyId: string; countryCode: string; language: 'es' | 'en' };

  /** The monitoring request (view, metric, items, period, filters). */
  @Column({ type: 'jsonb' })
  request: Record<string, unknown>;

  @Column({ type: 'text' })
  lang: 'es' | 'en';

  /** The request's "now", so the file matches what the requester would have seen. */
  @Column({ type: 'timestamptz' })
  asOf: Date;

  @Column({ type: 'text', default: 'queued' })
  status: ExportStatus;

  @Column({ type: 'integer', nullable: true })
  rowCount: number | null;

  @Column({ type: 'text', nullable: true })
  content: string | null;

  /** An error code, never data. */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
