import type { MetricContext, MetricData, MetricProvider } from '../metric.types';
import { and, period, query } from '../sql';
import { CASE_ITEM_FIELDS, CASE_ITEM_JOINS, CASE_ITEM_SELECT, keysetPage } from './case-items';

/** DESIGN.md's closure reasons. */
export const CLOSURE_REASONS = [
  'goals_met',
  'declined',
  'turned_18',
  'transferred',
  'lost_contact',
  're_migrated',
  'death',
] as const;
const SCOPE = { countryCode: 'c.country_code', agencyId: 'c.agency_id' };
const CLOSED = { sql: 'c.closed_at IS NOT NULL', params: {} };

/** Closures in the period by reason and by month of closure. */
export const closuresMetric: MetricProvider = {
  name: 'closures',
  kind: 'flow',
  requires: [],
  async aggregate(ctx: MetricContext): Promise<MetricData> {
    const where = and(CLOSED, ctx.scope.where(SCOPE), period('c.closed_at', ctx.from, ctx.to));
    const rows = await query<{ country: string; reason: string; month: string; g: number; n: number }>(
      ctx.manager,
      `SELECT c.country_code AS country, coalesce(c.closure_reason, 'unknown') AS reason,
              to_char(c.closed_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
              GROUPING(coalesce(c.closure_reason, 'unknown'), to_char(c.closed_at AT TIME ZONE 'UTC', 'YYYY-MM')) AS g,
              count(*)::int AS n
         FROM case_file c
        WHERE ${where.sql}
        GROUP BY GROUPING SETS ((c.country_code, coalesce(c.closure_reason, 'unknown')),
                                (c.country_code, to_char(c.closed_at AT TIME ZONE 'UTC', 'YYYY-MM')))`,
      where.params,
    );
    return {
      tables: [
        {
          name: 'byReason',
          dimension: 'reason',
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
    page(ctx, filters, after, limit) {
      const where = and(
        CLOSED,
        ctx.scope.where(SCOPE),
        period('c.closed_at', ctx.from, ctx.to),
        filters.reason ? { sql: 'c.closure_reason = :f_reason', params: { f_reason: filters.reason } } : null,
      );
      return keysetPage(ctx, {
        select: CASE_ITEM_SELECT,
        from: `case_file c ${CASE_ITEM_JOINS}`,
        where,
        sort: 'c.closed_at',
        id: 'c.id',
        after,
        limit,
      });
    },
  },
};
