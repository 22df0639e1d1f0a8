import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Closures per country, agency, reason and month of closure (UTC), maintained like the above. */
@Entity('monitoring_closure_count')
export class MonitoringClosureCount {
  @PrimaryColumn({ type: 'char', length: 2 })
  countryCode: string;

  @PrimaryColumn({ type: 'uuid' })
  agencyId: string;

  /** The closure reason, or `unknown`. */
  @PrimaryColumn({ type: 'text' })
  closureReason: string;

  @PrimaryColumn({ type: 'date' })
  closedMonth: string;

  /** One of 16 rows per key (the writing backend's, `rollup_slot()`), so concurrent writers don't queue on one row; read sum(n). */
  @PrimaryColumn({ type: 'smallint', default: 0 })
  slot: number;

  @Column({ type: 'integer', default: 0 })
  n: number;
}
