import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor';
import { AuditService } from '../../audit-trail/audit.service';
import { Clock } from '../../common/clock';
import { CommonErrors } from '../../common/errors/common.errors';
import { TransactionRunner } from '../../database/transaction-runner';
import { CaseAccess } from '../case-access';
import { CaseErrors, issue } from '../case.errors';
import { Vocabularies } from '../../vocabularies/vocabularies.service';
import { CasesRepository } from '../cases.repository';
import { CreateInterviewDto } from './case-records.dto';
import { InterviewRepository } from './interview.repository';

/**
 * The interview log (no re-victimization). Topics already documented for the child, in this or
 * an earlier case, can only be asked again with a stated reason; repeats are counted so the
 * supervisor and monitoring see them.
 */
@Injectable()
export class CaseInterviewService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly access: CaseAccess,
    private readonly audit: AuditService,
    private readonly vocab: Vocabularies,
    private readonly cases: CasesRepository,
    private readonly interviews: InterviewRepository,
  ) {}

  create(actor: Actor, caseId: string, dto: CreateInterviewDto) {
    return this.tx.run(async (m) => {
      const c = await this.access.load(m, actor, caseId, 'interview', {
        open: true,
        audit: 'interview.create',
      });
      const issues = this.vocab.check('interview-topics', 'topics', dto.topics);
      if (new Date(dto.conductedAt) > this.clock.now())
        issues.push(
          issue(
            'conductedAt',
            'maxDate',
            'La fecha no puede ser futura.',
            'The date cannot be in the future.',
          ),
        );
      if (issues.length) throw CommonErrors.VALIDATION_FAILED({}, issues);
      const documented = await this.interviews.documentedTopics(m, c.childId);
      const repeated = dto.topics.filter((t) => documented.has(t));
      if (repeated.length && !dto.repeatReason)
        throw CaseErrors.REPEATED_TOPIC_NEEDS_REASON({ topics: repeated.join(', ') });
      const interview = await this.interviews.create(m, {
        caseId: c.id,
        childId: c.childId,
        interviewerId: actor.userId,
        conductedAt: new Date(dto.conductedAt),
        purpose: dto.purpose,
        topics: dto.topics,
        repeatedTopics: repeated,
        repeatReason: repeated.length ? dto.repeatReason! : null,
      });
      await this.audit.record(m, {
        actor,
        action: repeated.length ? 'interview.create.repeatedTopics' : 'interview.create',
        subjectType: 'Interview',
        subjectId: interview.id,
        caseId: c.id,
        fields: ['operational', 'sensitive'],
      });
      return interview;
    });
  }

  /**
   * The child's interviews across all their cases, with the counts the supervisor watches.
   * Interviews of cases the caller may not read (another agency's, say) are listed only as
   * operational references — which case, when, which topics — so the child is not asked again
   * without anyone seeing what they said; each such listing is in that case's access log.
   */
  list(actor: Actor, caseId: string) {
    return this.tx.run(async (m) => {
      const c = await this.access.load(m, actor, caseId, 'readRecords', { audit: 'interview.list' });
      const all = await this.interviews.ofChild(m, c.childId);
      const cases = new Map((await this.cases.childCases(m, c.childId)).map((x) => [x.id, x]));
      const readable = (id: string) =>
        id === c.id || this.access.allows(actor, 'readRecords', cases.get(id)!);
      await this.audit.record(m, {
        actor,
        action: 'interview.list',
        subjectType: 'Interview',
        caseId,
        fields: ['operational', 'sensitive'],
      });
      await this.audit.recordMany(
        m,
        [...new Set(all.map((i) => i.caseId).filter((id) => id !== c.id))].map((other) => ({
          actor,
          action: 'interview.list',
          subjectType: 'Interview',
          caseId: other,
          fields: readable(other) ? ['operational', 'sensitive'] : ['operational'],
        })),
      );
      const byTopic: Record<string, number> = {};
      for (const i of all) for (const t of i.topics) byTopic[t] = (byTopic[t] ?? 0) + 1;
      return {
        count: all.length,
        inThisCase: all.filter((i) => i.caseId === caseId).length,
        withRepeatedTopics: all.filter((i) => i.repeatedTopics.length > 0).length,
        byTopic,
        items: all.filter((i) => readable(i.caseId)),
        elsewhere: all
          .filter((i) => !readable(i.caseId))
          .map((i) => {
            const o = cases.get(i.caseId)!;
            return {
              caseNumber: o.caseNumber,
              countryCode: o.countryCode,
              agencyId: o.agencyId,
              conductedAt: i.conductedAt,
              topics: i.topics,
            };
          }),
      };
    });
  }
}
