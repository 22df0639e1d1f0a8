import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Interview } from './interview.entity';

/** Queries on interviews (per child, across the child's cases); the interview service stays free of SQL. */
@Injectable()
export class InterviewRepository {
  /** Topics the child has already been asked about, in any of their cases. */
  async documentedTopics(m: EntityManager, childId: string): Promise<Set<string>> {
    const rows: { topic: string }[] = await m.query(
      'SELECT DISTINCT unnest(topics) AS topic FROM interview WHERE child_id = $1',
      [childId],
    );
    return new Set(rows.map((r) => r.topic));
  }

  create(
    m: EntityManager,
    interview: Pick<
      Interview,
      | 'caseId'
      | 'childId'
      | 'interviewerId'
      | 'conductedAt'
      | 'purpose'
      | 'topics'
      | 'repeatedTopics'
      | 'repeatReason'
    >,
  ): Promise<Interview> {
    return m.save(m.create(Interview, interview));
  }

  /** The child's interviews across all their cases, oldest first. */
  ofChild(m: EntityManager, childId: string): Promise<Interview[]> {
    return m.find(Interview, { where: { childId }, order: { conductedAt: 'ASC' } });
  }
}
