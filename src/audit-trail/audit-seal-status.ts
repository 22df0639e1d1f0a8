import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface SealStatus {
  /** Committed audit rows not yet sealed into the chain (counted up to BACKLOG_CAP). */
  unsealed: number;
  /** Age of the oldest unsealed row (by its occurred_at), seconds; 0 when none. */
  sealLagSeconds: number;
  /** The chain's head position, null before the first seal. */
  headSeq: string | null;
}

/** Counting stops here: a scrape must stay cheap even when the sequencer has been down for long. */
const BACKLOG_CAP = 1_000_000;

/**
 * How far the audit sequencer is behind, read from the database (so any process can answer):
 * for `/health/ready` and the Prometheus gauges `enlace_audit_seal_lag_seconds` and
 * `enlace_audit_unsealed_entries` (MetricsService).
 */
@Injectable()
export class AuditSealStatus {
  constructor(private readonly dataSource: DataSource) {}

  async read(): Promise<SealStatus> {
    const [row] = (await this.dataSource.query(
      `SELECT (SELECT count(*)::int FROM (SELECT 1 FROM audit_entry WHERE seq IS NULL LIMIT ${BACKLOG_CAP}) u) AS unsealed,
              COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - (
                SELECT occurred_at FROM audit_entry WHERE seq IS NULL ORDER BY id LIMIT 1)), 0)::float8 AS lag,
              (SELECT max(seq)::text FROM audit_entry) AS head`,
    )) as { unsealed: number; lag: number; head: string | null }[];
    return { unsealed: row.unsealed, sealLagSeconds: Math.max(0, row.lag), headSeq: row.head };
  }
}
