import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { closuresMetric } from './metrics/closures.metric';
import { indicatorScoresMetric } from './metrics/indicator-scores.metric';
import { interviewsMetric } from './metrics/interviews.metric';
import { openCasesMetric } from './metrics/open-cases.metric';
import { overdueFollowUpsMetric } from './metrics/overdue-follow-ups.metric';
import { referralsMetric } from './metrics/referrals.metric';
import type { MetricProvider } from './metric.types';

/** Every metric, in the order the overview lists them. */
export const METRIC_PROVIDERS: MetricProvider[] = [
  openCasesMetric,
  overdueFollowUpsMetric,
  referralsMetric,
  closuresMetric,
  interviewsMetric,
  indicatorScoresMetric,
];
export const METRIC_NAMES = METRIC_PROVIDERS.map((m) => m.name);

/**
 * The metrics this deployment can answer. A provider that reads another module's table
 * (follow_up, referral, interview) is registered only when that table exists: the schema is
 * checked once, on first use after start-up, so the module works before and after those modules
 * are merged.
 */
@Injectable()
export class MetricRegistry {
  private detected?: Promise<Map<string, MetricProvider>>;

  constructor(private readonly dataSource: DataSource) {}

  available(): Promise<Map<string, MetricProvider>> {
    this.detected ??= this.detect().catch((e: unknown) => {
      this.detected = undefined;
      throw e;
    });
    return this.detected;
  }

  async get(name: string): Promise<MetricProvider | undefined> {
    return (await this.available()).get(name);
  }

  private async detect(): Promise<Map<string, MetricProvider>> {
    const needed = [...new Set(METRIC_PROVIDERS.flatMap((m) => m.requires))];
    const rows: { table_name: string }[] = needed.length
      ? await this.dataSource.query(
          `SELECT table_name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_name = ANY($1)`,
          [needed],
        )
      : [];
    const present = new Set(rows.map((r) => r.table_name));
    return new Map(
      METRIC_PROVIDERS.filter((m) => m.requires.every((t) => present.has(t))).map((m) => [m.name, m]),
    );
  }
}
