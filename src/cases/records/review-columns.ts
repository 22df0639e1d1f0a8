import { Column } from 'typeorm';

/**
 * The review columns assessments and case plans share (supervisor-review.ts applies the steps).
 * Embedded without a prefix, so the database columns are submitted_at, reviewed_by, reviewed_at
 * and review_comment as before.
 */
export class ReviewColumns {
  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  reviewedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  reviewComment: string | null;
}

/** The record as the API shows it: the review fields beside the others, as they always were. */
export function withReviewFields<T extends { review?: ReviewColumns | null }>(
  record: T,
): Omit<T, 'review'> & Partial<ReviewColumns> {
  const { review, ...rest } = record;
  return { ...rest, ...(review ?? {}) };
}
