import { CLOSURE_REASONS } from '../../cases/public';
import type { MetricContext, MetricData, MetricProvider } from '../metric.types';
import { and, monthAligned, monthStart, period, query } from '../sql';
import { CASE_ITEM_FIELDS, CASE_ITEM_JOINS, CASE_ITEM_SELECT, keysetPage } from './case-items';

const SCOPE = { countryCode: 'c.country_code', agencyId: 'c.agency_id' };
const CLOSED = { sql: 'c.closed_at IS NOT NULL', params: {} };

/**
 * Closures in the period by reason and by month of closure: from the monthly rollup when the
 * period is whole months (the default), otherwise from case_file.
 */
export const closuresMetric: MetricProvider = {
  name: 'closures',
  kind: 'flow',
  async aggregate(ctx: MetricContext): Promise<MetricData> {
    const rows = monthAligned(ctx.from) && monthAligned(ctx.to) ? await fromRollup(ctx) : await live(ctx);
    return {
      tables: [
        {
          name: 'byReason',
          dimension: 'reason',
          // The reasons the close request accepts, so every reason has its column.
          columns: CLOSURE_REASONS,
          cells: rows
            .filter((r) => Number(r.g) === 1)
            .map((r) => ({ country: r.country, key: r.reason, count: r.n })),
        },
        {
          name: 'byMonth',
          dimension: 'month',
          cells: rows
            .filter((r) => Number(r.g) === 2)
            .map((r) => ({ country: r.country, key: r.month, count: r.n })),
        },
      ],
      stats: [],
    };
  },
  items: {
    filters: { reason: /^[a-z0-9_]{1,40}$/ },
    fields: CASE_ITEM_FIELDS,
    page(ctx, filters, cursor, limit) {
      const where = and(
        CLOSED,
        ctx.scope.where(SCOPE),
        period('c.closed_at', ctx.from, ctx.to),
        filters.reason ? { sql: 'c.closure_reason = :f_reason', params: { f_reason: filters.reason } } : null,
      );
      return keysetPage(ctx, {
        list: 'closures',
        select: CASE_ITEM_SELECT,
        from: `case_file c ${CASE_ITEM_JOINS}`,
        where,
        sort: 'c.closed_at',
        id: 'c.id',
        cursor,
        limit,
      });
    },
  },
};

interface Row {
  country: string;
  reason: string;
  month: string;
  g: number;
  n: number;
}

/** From monitoring_closure_count (kept exact by triggers on case_file). */
function fromRollup(ctx: MetricContext): Promise<Row[]> {
  const where = and(
    ctx.scope.where({ countryCode: 'r.country_code', agencyId: 'r.agency_id' }),
    period(monthStart('r.closed_month'), ctx.from, ctx.to),
  );
  return query<Row>(
    ctx.manager,
    `SELECT r.country_code AS country, r.closure_reason AS reason, to_char(r.closed_month, 'YYYY-MM') AS month,
            GROUPING(r.closure_reason, r.closed_month) AS g, sum(r.n)::int AS n
       FROM monitoring_closure_count r
      WHERE ${where.sql}
      GROUP BY GROUPING SETS ((r.country_code, r.closure_reason), (r.country_code, r.closed_month))
     HAVING sum(r.n) > 0`,
    where.params,
  );
}

/** From case_file, for periods that are not whole months. */
function live(ctx: MetricContext): Promise<Row[]> {
  const where = and(CLOSED, ctx.scope.where(SCOPE), period('c.closed_at', ctx.from, ctx.to));
  const month = `to_char(c.closed_at AT TIME ZONE 'UTC', 'YYYY-MM')`;
  const reason = `coalesce(c.closure_reason, 'unknown')`;
  return query<Row>(
    ctx.manager,
    `SELECT c.country_code AS country, ${reason} AS reason, ${month} AS month,
            GROUPING(${reason}, ${month}) AS g, count(*)::int AS n
       FROM case_file c
      WHERE ${where.sql}
      GROUP BY GROUPING SETS ((c.country_code, ${reason}), (c.country_code, ${month}))`,
    where.params,
  );
}
