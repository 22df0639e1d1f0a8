import type { MetricContext, MetricData, MetricProvider } from '../metric.types';
import { and, period, query } from '../sql';
import { CASE_ITEM_JOINS, CASE_ITEM_SELECT, CASE_ITEM_FIELDS, keysetPage } from './case-items';

/** Escalation levels: 0 not yet escalated, 1 caseworker, 2 supervisor, 3 lead unit. */
export const ESCALATION_LEVELS = ['0', '1', '2', '3'] as const;
export const AGE_BUCKETS = ['0-7', '8-30', '31-90', '>90'] as const;
// The follow-up carries its case's country and agency (kept by a trigger): no join to case_file.
const SCOPE = { countryCode: 'f.country_code', agencyId: 'f.agency_id' };

/**
 * Reads the follow-ups module's table: follow_up(id, case_id, status, due_at, overdue_since,
 * escalation_level, country_code, agency_id); the counts read follow_up alone, index-only.
 * Overdue = still `scheduled` and past due, the follow-ups module's overdue scan predicate (completed, missed and cancelled follow-ups are settled). The scan flags an item
 * (`overdue_since`, level 1) only once the caseworker threshold has passed, so level 0 counts the
 * items past due but not yet escalated.
 */
const OVERDUE = {
  sql: `f.status = 'scheduled' AND f.due_at < CAST(:now AS timestamptz)`,
  params: {},
};
const AGE_DAYS = `floor(extract(epoch FROM (CAST(:now AS timestamptz) - f.due_at)) / 86400)`;
const BUCKET = `CASE WHEN ${AGE_DAYS} <= 7 THEN '0-7' WHEN ${AGE_DAYS} <= 30 THEN '8-30'
  WHEN ${AGE_DAYS} <= 90 THEN '31-90' ELSE '>90' END`;

/** Overdue follow-ups (current state) by escalation level and by days overdue; a period filters on the due date. */
export const overdueFollowUpsMetric: MetricProvider = {
  name: 'overdue-follow-ups',
  kind: 'snapshot',
  async aggregate(ctx: MetricContext): Promise<MetricData> {
    const where = and(OVERDUE, ctx.scope.where(SCOPE), period('f.due_at', ctx.from, ctx.to));
    const rows = await query<{ country: string; level: string; bucket: string; g: number; n: number }>(
      ctx.manager,
      `SELECT f.country_code AS country, f.escalation_level::text AS level, ${BUCKET} AS bucket,
              GROUPING(f.escalation_level, ${BUCKET}) AS g, count(*)::int AS n
         FROM follow_up f
        WHERE ${where.sql}
        GROUP BY GROUPING SETS ((f.country_code, f.escalation_level), (f.country_code, ${BUCKET}))`,
      { ...where.params, now: ctx.now },
    );
    return {
      tables: [
        {
          name: 'byEscalationLevel',
          dimension: 'escalationLevel',
          columns: ESCALATION_LEVELS,
          cells: rows
            .filter((r) => Number(r.g) === 1)
            .map((r) => ({ country: r.country, key: r.level, count: r.n })),
        },
        {
          name: 'byDaysOverdue',
          dimension: 'daysOverdue',
          columns: AGE_BUCKETS,
          cells: rows
            .filter((r) => Number(r.g) === 2)
            .map((r) => ({ country: r.country, key: r.bucket, count: r.n })),
        },
      ],
      stats: [],
    };
  },
  items: {
    filters: { level: ESCALATION_LEVELS, ageBucket: AGE_BUCKETS },
    fields: [...CASE_ITEM_FIELDS, 'dueAt', 'overdueSince', 'escalationLevel', 'daysOverdue'],
    page(ctx, filters, cursor, limit) {
      const where = and(
        OVERDUE,
        ctx.scope.where(SCOPE),
        period('f.due_at', ctx.from, ctx.to),
        filters.level
          ? { sql: 'f.escalation_level = :f_level', params: { f_level: Number(filters.level) } }
          : null,
        filters.ageBucket ? { sql: `${BUCKET} = :f_bucket`, params: { f_bucket: filters.ageBucket } } : null,
      );
      return keysetPage(ctx, {
        list: 'overdue-follow-ups',
        select: `${CASE_ITEM_SELECT}, f.due_at AS "dueAt", f.overdue_since AS "overdueSince",
                 f.escalation_level AS "escalationLevel", ${AGE_DAYS}::int AS "daysOverdue"`,
        from: `follow_up f JOIN case_file c ON c.id = f.case_id ${CASE_ITEM_JOINS}`,
        where,
        sort: 'f.due_at',
        id: 'f.id',
        cursor,
        limit,
      });
    },
  },
};
