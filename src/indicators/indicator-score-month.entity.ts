import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Monthly sums of indicator_score per country, agency and dimension (including `overall`), kept
 * exact by statement-level triggers on indicator_score (migration IndicatorScoreRollup). Monitoring
 * averages scores per month from here instead of reading every score of a country.
 */
@Entity('indicator_score_month')
export class IndicatorScoreMonth {
  @PrimaryColumn({ type: 'char', length: 2 })
  countryCode: string;

  @PrimaryColumn({ type: 'uuid' })
  agencyId: string;

  /** First day of the month of measurement (UTC). */
  @PrimaryColumn({ type: 'date' })
  month: string;

  @PrimaryColumn({ type: 'text' })
  dimension: string;

  /** Number of scores. */
  @Column({ type: 'integer', default: 0 })
  n: number;

  /** Sum of the scores (mean = total / n). */
  @Column({ type: 'double precision', default: 0 })
  total: number;
}
