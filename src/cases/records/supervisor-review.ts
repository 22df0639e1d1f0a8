import { CommonErrors } from '../../common/errors/common.errors';
import { issue } from '../case.errors';
import type { ReviewDto } from './case-records.dto';
import { ReviewColumns } from './review-columns';

/** The review steps assessments and case plans share: draft → submitted → approved | returned. */
export interface Reviewable {
  status: string;
  review: ReviewColumns;
}

/** The record's review columns, made when the row has none loaded yet. */
function reviewOf(record: Reviewable): ReviewColumns {
  return (record.review ??= new ReviewColumns());
}

/** A supervisor who returns a record must say what to correct. */
export function assertReviewComment(dto: ReviewDto): void {
  if (dto.decision === 'return' && !dto.comment)
    throw CommonErrors.VALIDATION_FAILED({}, [
      issue('comment', 'isDefined', 'Indique qué debe corregirse.', 'Say what must be corrected.'),
    ]);
}

export function markSubmitted(record: Reviewable, now: Date): void {
  record.status = 'submitted';
  reviewOf(record).submittedAt = now;
}

/** The status a supervisor's decision leads to (also the verb of its audit entry). */
export function reviewStatus(dto: ReviewDto): 'approved' | 'returned' {
  return dto.decision === 'approve' ? 'approved' : 'returned';
}

/** Applies the supervisor's decision; returns the new status. */
export function applyReview(record: Reviewable, dto: ReviewDto, reviewerId: string, now: Date): string {
  record.status = reviewStatus(dto);
  const review = reviewOf(record);
  review.reviewedBy = reviewerId;
  review.reviewedAt = now;
  review.reviewComment = dto.comment ?? null;
  return record.status;
}
