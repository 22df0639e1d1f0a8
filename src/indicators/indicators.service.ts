import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { AuditService } from '../audit-trail/audit.service';
import { redact, permittedClasses } from '../authz/field-access';
import { AuthzService } from '../authz/authz.service';
import { CaseLookupService } from '../cases/public';
import { Clock } from '../common/clock';
import type { FieldIssue } from '../common/errors/app-error';
import type { Lang } from '../common/errors/lang';
import { TransactionRunner } from '../database/transaction-runner';
import { IndicatorCatalogService } from './indicator-catalog.service';
import { checkAnswers, scoreAnswers } from './indicator-scoring';
import type { IndicatorMeasurement } from './indicator-measurement.entity';
import { INDICATOR_MEASUREMENT_FIELDS } from './indicator.fields';
import type { RecordIndicatorsDto } from './indicator.dto';
import { IndicatorErrors } from './indicators.errors';
import { IndicatorsRepository } from './indicators.repository';
import type { EntityManager } from 'typeorm';

export interface TrendPoint {
  measuredAt: Date;
  checkpoint: string | null;
  score: number | null;
}

const SUBJECT = 'IndicatorMeasurement';

/** Records reintegration indicator measurements on a case and reports their trend. */
@Injectable()
export class IndicatorsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly cases: CaseLookupService,
    private readonly authz: AuthzService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly catalog: IndicatorCatalogService,
    private readonly repo: IndicatorsRepository,
  ) {}

  async record(actor: Actor, caseId: string, dto: RecordIndicatorsDto) {
    const issues = this.validate(dto);
    if (issues.length) throw IndicatorErrors.INDICATOR_ANSWERS_INVALID({}, issues);
    const measuredAt = new Date(dto.measuredAt);
    if (measuredAt > this.clock.now()) throw IndicatorErrors.MEASUREMENT_IN_FUTURE();
    const scores = scoreAnswers(this.catalog.catalog, dto.answers);
    return this.tx.run(async (manager) => {
      const c = await this.caseScope(manager, actor, caseId, 'create');
      const saved = await this.repo.insert(manager, {
        caseId,
        countryCode: c.countryCode,
        agencyId: c.agencyId,
        measuredAt,
        followUpId: dto.followUpId ?? null,
        checkpoint: dto.checkpoint ?? null,
        answers: dto.answers,
        dimensionScores: scores.dimensions,
        overallScore: scores.overall,
        recordedBy: actor.userId,
      });
      await this.audit.record(manager, {
        action: 'indicatorMeasurement.create',
        subjectType: SUBJECT,
        subjectId: saved.id,
        caseId,
        fields: ['answers', 'dimensionScores', 'overallScore'],
      });
      return this.view(actor, c, saved);
    });
  }

  async list(actor: Actor, caseId: string, lang: Lang) {
    return this.tx.run(async (manager) => {
      const c = await this.caseScope(manager, actor, caseId, 'read');
      const rows = await this.repo.forCase(manager, caseId);
      const classes = permittedClasses(
        this.authz.ability(actor),
        'read',
        SUBJECT,
        c,
        INDICATOR_MEASUREMENT_FIELDS,
      );
      await this.audit.record(manager, {
        action: 'indicatorMeasurement.read',
        subjectType: SUBJECT,
        caseId,
        fields: rows.length ? classes : [],
      });
      return {
        caseId,
        dimensions: this.catalog.dimensionLabels(lang),
        measurements: rows.map((m) => this.view(actor, c, m)),
        trend: this.trend(rows),
      };
    });
  }

  /** Per dimension and overall: the scores in time order and the change from first to last. */
  private trend(rows: IndicatorMeasurement[]) {
    const out: Record<
      string,
      { points: TrendPoint[]; first: number | null; last: number | null; change: number | null }
    > = {};
    for (const dim of [...this.catalog.dimensionCodes(), 'overall']) {
      const points = rows.map((m) => ({
        measuredAt: m.measuredAt,
        checkpoint: m.checkpoint,
        score: dim === 'overall' ? m.overallScore : (m.dimensionScores[dim] ?? null),
      }));
      const scored = points.filter((p) => p.score !== null);
      const first = scored[0]?.score ?? null;
      const last = scored[scored.length - 1]?.score ?? null;
      out[dim] = {
        points,
        first,
        last,
        change: first !== null && last !== null ? Math.round((last - first) * 10) / 10 : null,
      };
    }
    return out;
  }

  private view(actor: Actor, scope: Record<string, unknown>, m: IndicatorMeasurement) {
    const record = { ...scope, ...m, overallScore: m.overallScore };
    const visible = redact(this.authz.ability(actor), 'read', SUBJECT, record, INDICATOR_MEASUREMENT_FIELDS);
    return visible;
  }

  /** Loads the case and checks the caller may `action` indicators on it (denials audited). */
  private async caseScope(manager: EntityManager, actor: Actor, caseId: string, action: 'create' | 'read') {
    const c = await this.cases.findCase(manager, caseId);
    if (!c) throw IndicatorErrors.CASE_NOT_FOUND_FOR_INDICATORS({ caseId });
    const scope = { agencyId: c.agencyId, assignedUserId: c.assignedUserId, countryCode: c.countryCode };
    await this.authz.assert(actor, action, SUBJECT, scope, { caseId });
    return scope;
  }

  private validate(dto: RecordIndicatorsDto): FieldIssue[] {
    const entries = Object.entries(dto.answers ?? {});
    if (!entries.length)
      return [
        {
          field: 'answers',
          code: 'noAnswers',
          message: { es: 'Indique al menos una respuesta.', en: 'Give at least one answer.' },
        },
      ];
    const issues: FieldIssue[] = entries
      .filter(([, v]) => typeof v !== 'string')
      .map(([k]) => ({
        field: `answers.${k}`,
        code: 'isString',
        message: { es: 'La respuesta debe ser texto.', en: 'The answer must be text.' },
      }));
    if (issues.length) return issues;
    return checkAnswers(this.catalog.catalog, dto.answers).map((i) => {
      const def = this.catalog.catalog.byCode.get(i.indicator);
      const values = def?.scale.answers.map((a) => a.value).join(', ');
      return i.problem === 'unknown_indicator'
        ? {
            field: `answers.${i.indicator}`,
            code: 'unknownIndicator',
            message: { es: 'Indicador desconocido.', en: 'Unknown indicator.' },
          }
        : {
            field: `answers.${i.indicator}`,
            code: 'notOnScale',
            message: { es: `Debe ser uno de: ${values}.`, en: `Must be one of: ${values}.` },
          };
    });
  }
}
