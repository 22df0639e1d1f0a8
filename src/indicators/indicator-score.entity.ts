import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { IndicatorMeasurement } from './indicator-measurement.entity';

/**
 * One score of a measurement (a dimension, or `overall`), in long form with the case's country,
 * agency and the measurement time, so monitoring averages scores per dimension and month with one
 * index range scan instead of unpacking JSON.
 */
@Entity('indicator_score')
@Index('indicator_score_country_idx', ['countryCode', 'measuredAt'])
@Index('indicator_score_agency_idx', ['agencyId', 'measuredAt'])
@Index('indicator_score_measurement_idx', ['measurementId'])
export class IndicatorScore {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  measurementId: string;

  @ManyToOne(() => IndicatorMeasurement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'measurement_id', foreignKeyConstraintName: 'indicator_score_measurement_fk' })
  measurement?: IndicatorMeasurement;

  @Column({ type: 'uuid' })
  caseId: string;

  @Column({ type: 'char', length: 2 })
  countryCode: string;

  @Column({ type: 'uuid' })
  agencyId: string;

  /** A dimension code, or `overall`. */
  @Column({ type: 'text' })
  dimension: string;

  @Column({ type: 'real' })
  score: number;

  @Column({ type: 'timestamptz' })
  measuredAt: Date;
}
