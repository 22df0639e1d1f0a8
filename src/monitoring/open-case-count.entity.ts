import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Incremental aggregates of case_file for monitoring, kept exact by statement-level triggers on
 * case_file (migration MonitoringRollups): open cases per country, agency, phase, risk level and
 * month of opening. Lets the overview count a country's open cases from a few thousand rows
 * instead of scanning hundreds of thousands of cases.
 */
@Entity('monitoring_open_case_count')
export class MonitoringOpenCaseCount {
  @PrimaryColumn({ type: 'char', length: 2 })
  countryCode: string;

  @PrimaryColumn({ type: 'uuid' })
  agencyId: string;

  @PrimaryColumn({ type: 'text' })
  phase: string;

  @PrimaryColumn({ type: 'text' })
  riskLevel: string;

  /** First day of the month the case was opened (UTC). */
  @PrimaryColumn({ type: 'date' })
  openedMonth: string;

  /** One of 16 rows per key (the writing backend's, `rollup_slot()`), so concurrent writers don't queue on one row; read sum(n). */
  @PrimaryColumn({ type: 'smallint', default: 0 })
  slot: number;

  @Column({ type: 'integer', default: 0 })
  n: number;
}
