import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { IndicatorMeasurement } from './indicator-measurement.entity';
import { IndicatorScore } from './indicator-score.entity';

/** The SQL of the indicators module. */
@Injectable()
export class IndicatorsRepository {
  async insert(
    manager: EntityManager,
    m: Omit<IndicatorMeasurement, 'id' | 'createdAt' | 'case'>,
  ): Promise<IndicatorMeasurement> {
    const saved = await manager.save(IndicatorMeasurement, manager.create(IndicatorMeasurement, m));
    const rows = Object.entries({ ...m.dimensionScores, overall: m.overallScore })
      .filter(([, score]) => score !== null && score !== undefined)
      .map(([dimension, score]) => ({
        measurementId: saved.id,
        caseId: m.caseId,
        countryCode: m.countryCode,
        agencyId: m.agencyId,
        dimension,
        score: score as number,
        measuredAt: m.measuredAt,
      }));
    if (rows.length) await manager.insert(IndicatorScore, rows);
    return saved;
  }

  forCase(manager: EntityManager, caseId: string): Promise<IndicatorMeasurement[]> {
    return manager.find(IndicatorMeasurement, {
      where: { caseId },
      order: { measuredAt: 'ASC', createdAt: 'ASC' },
    });
  }
}
