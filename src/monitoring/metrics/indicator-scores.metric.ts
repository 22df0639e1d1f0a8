import type { MetricContext, MetricData, MetricProvider, MetricStat, MetricTable } from '../metric.types';
import { and, period, query } from '../sql';

const SCOPE = { countryCode: 's.country_code', agencyId: 's.agency_id' };
const round1 = (n: number | string | null) => (n === null ? null : Math.round(Number(n) * 10) / 10);

/**
 * Reintegration indicator scores over time: per month, the number of measurements (the count)
 * and the mean score of each dimension and overall; per country, the means over the period.
 * Reads indicator_score (long form, indexed by country or agency and time).
 */
export const indicatorScoresMetric: MetricProvider = {
  name: 'indicator-scores',
  kind: 'flow',
  requires: [],
  async aggregate(ctx: MetricContext): Promise<MetricData> {
    const where = and(ctx.scope.where(SCOPE), period('s.measured_at', ctx.from, ctx.to));
    const rows = await query<{
      country: string;
      month: string | null;
      dimension: string;
      n: number;
      mean: string;
    }>(
      ctx.manager,
      `SELECT s.country_code AS country, to_char(s.measured_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
              s.dimension, count(*)::int AS n, avg(s.score) AS mean
         FROM indicator_score s
        WHERE ${where.sql}
        GROUP BY GROUPING SETS ((s.country_code, to_char(s.measured_at AT TIME ZONE 'UTC', 'YYYY-MM'), s.dimension),
                                (s.country_code, s.dimension))`,
      where.params,
    );
    const monthly = new Map<
      string,
      { country: string; key: string; count: number; values: Record<string, number | null> }
    >();
    const totals = new Map<string, MetricStat>();
    for (const r of rows) {
      if (r.month === null) {
        const stat = totals.get(r.country) ?? { country: r.country, base: 0, values: {} };
        stat.values[r.dimension] = round1(r.mean);
        if (r.dimension === 'overall') stat.base = r.n;
        totals.set(r.country, stat);
        continue;
      }
      const id = `${r.country}|${r.month}`;
      const cell = monthly.get(id) ?? { country: r.country, key: r.month, count: 0, values: {} };
      cell.values[r.dimension] = round1(r.mean);
      // Every measurement has an overall score, so its count is the number of measurements.
      if (r.dimension === 'overall') cell.count = r.n;
      monthly.set(id, cell);
    }
    const table: MetricTable = { name: 'byMonth', dimension: 'month', cells: [...monthly.values()] };
    return { tables: [table], stats: [...totals.values()] };
  },
};
