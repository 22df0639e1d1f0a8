import type { MetricContext, MetricData, MetricProvider } from '../metric.types';
import { and, period, query } from '../sql';

export const INTERVIEW_BUCKETS = ['1', '2', '3', '4+'] as const;
// The interview carries its case's country and agency (kept by a trigger): no join to case_file.
const SCOPE = { countryCode: 'i.country_code', agencyId: 'i.agency_id' };

/**
 * Reads the cases module's interview log: interview(child_id, conducted_at, country_code, agency_id).
 * How many times each child was interviewed in the period ("the child tells the story once"):
 * children by number of interviews, and per country the mean interviews per child.
 */
export const interviewsMetric: MetricProvider = {
  name: 'interviews',
  kind: 'flow',
  async aggregate(ctx: MetricContext): Promise<MetricData> {
    const where = and(ctx.scope.where(SCOPE), period('i.conducted_at', ctx.from, ctx.to));
    type Row = { country: string; bucket: string; children: number; interviews: number };
    // Grouping a country's year of interviews per child needs ~20 MB of hash table for a quarter
    // million children (more for the regional view); at the default work_mem it spills to disk.
    const rows = await ctx.manager.transaction(async (m) => {
      await m.query(`SET LOCAL work_mem = '64MB'`);
      return query<Row>(
        m,
        `WITH per_child AS (
         SELECT i.country_code AS country, i.child_id, count(*)::int AS n
           FROM interview i
          WHERE ${where.sql}
          GROUP BY 1, 2)
       SELECT country, CASE WHEN n >= 4 THEN '4+' ELSE n::text END AS bucket,
              count(*)::int AS children, sum(n)::int AS interviews
         FROM per_child GROUP BY 1, 2`,
        where.params,
      );
    });
    const stats = new Map<string, { children: number; interviews: number }>();
    for (const r of rows) {
      const s = stats.get(r.country) ?? { children: 0, interviews: 0 };
      s.children += r.children;
      s.interviews += r.interviews;
      stats.set(r.country, s);
    }
    return {
      tables: [
        {
          name: 'childrenByInterviews',
          dimension: 'interviews',
          columns: INTERVIEW_BUCKETS,
          cells: rows.map((r) => ({ country: r.country, key: r.bucket, count: r.children })),
        },
      ],
      stats: [...stats].map(([country, s]) => ({
        country,
        base: s.children,
        values: { meanInterviewsPerChild: Math.round((s.interviews / s.children) * 100) / 100 },
      })),
    };
  },
};
