import type { MetricContext, MetricData, MetricProvider, MetricStat, MetricTable } from '../metric.types';
import { and, monthAligned, monthStart, period, query } from '../sql';

const SCOPE = { countryCode: 's.country_code', agencyId: 's.agency_id' };
const round1 = (n: number | string | null) => (n === null ? null : Math.round(Number(n) * 10) / 10);

/**
 * Reintegration indicator scores over time: per month, the number of measurements (the count)
 * and the mean score of each dimension and overall; per country, the means over the period.
 * Reads the monthly rollup indicator_score_month for whole-month periods (the default), otherwise
 * indicator_score (long form, indexed by country or agency and time).
 */
export const indicatorScoresMetric: MetricProvider = {
  name: 'indicator-scores',
  kind: 'flow',
  async aggregate(ctx: MetricContext): Promise<MetricData> {
    const rows = monthAligned(ctx.from) && monthAligned(ctx.to) ? await fromRollup(ctx) : await live(ctx);
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

interface Row {
  country: string;
  month: string | null;
  dimension: string;
  n: number;
  mean: string;
}

/** From indicator_score_month (sums kept exact by triggers on indicator_score). */
function fromRollup(ctx: MetricContext): Promise<Row[]> {
  const where = and(
    ctx.scope.where({ countryCode: 'r.country_code', agencyId: 'r.agency_id' }),
    period(monthStart('r.month'), ctx.from, ctx.to),
  );
  return query<Row>(
    ctx.manager,
    `SELECT r.country_code AS country, to_char(r.month, 'YYYY-MM') AS month, r.dimension,
            sum(r.n)::int AS n, sum(r.total) / nullif(sum(r.n), 0) AS mean
       FROM indicator_score_month r
      WHERE ${where.sql}
      GROUP BY GROUPING SETS ((r.country_code, r.month, r.dimension), (r.country_code, r.dimension))
     HAVING sum(r.n) > 0`,
    where.params,
  );
}

/** From indicator_score, for periods that are not whole months. */
function live(ctx: MetricContext): Promise<Row[]> {
  const where = and(ctx.scope.where(SCOPE), period('s.measured_at', ctx.from, ctx.to));
  const month = `to_char(s.measured_at AT TIME ZONE 'UTC', 'YYYY-MM')`;
  return query<Row>(
    ctx.manager,
    `SELECT s.country_code AS country, ${month} AS month, s.dimension, count(*)::int AS n, avg(s.score) AS mean
       FROM indicator_score s
      WHERE ${where.sql}
      GROUP BY GROUPING SETS ((s.country_code, ${month}, s.dimension), (s.country_code, s.dimension))`,
    where.params,
  );
}
