import { CASE_PHASES, RISK_LEVELS } from '../../cases/public';
import type { MetricContext, MetricData, MetricProvider, MetricTable } from '../metric.types';
import { and, monthAligned, monthStart, period, query } from '../sql';
import { CASE_ITEM_FIELDS, CASE_ITEM_JOINS, CASE_ITEM_SELECT, keysetPage } from './case-items';

const OPEN_PHASES = CASE_PHASES.filter((p) => p !== 'closed');
const SCOPE = { countryCode: 'c.country_code', agencyId: 'c.agency_id' };

/**
 * Open cases by phase, risk level and managing agency (current state). A period filters on the
 * opening date. One GROUPING SETS query answers all three breakdowns, from the monthly rollup
 * when the period is whole months (or none), otherwise from case_file.
 */
export const openCasesMetric: MetricProvider = {
  name: 'open-cases',
  kind: 'snapshot',
  async aggregate(ctx: MetricContext): Promise<MetricData> {
    const rows = monthAligned(ctx.from) && monthAligned(ctx.to) ? await fromRollup(ctx) : await live(ctx);
    // GROUPING bits (phase, risk, agency): 3 = by phase, 5 = by risk, 6 = by agency.
    const table = (
      name: string,
      dimension: string,
      g: number,
      key: (r: (typeof rows)[number]) => string,
      columns?: readonly string[],
    ): MetricTable => ({
      name,
      dimension,
      columns,
      cells: rows
        .filter((r) => Number(r.g) === g)
        .map((r) => ({ country: r.country, key: key(r), count: r.n })),
    });
    return {
      tables: [
        table('byPhase', 'phase', 3, (r) => r.phase, OPEN_PHASES),
        table('byRisk', 'risk', 5, (r) => r.risk, RISK_LEVELS),
        table('byAgency', 'agency', 6, (r) => r.agency),
      ],
      stats: [],
    };
  },
  items: {
    filters: { phase: OPEN_PHASES, risk: RISK_LEVELS },
    fields: CASE_ITEM_FIELDS,
    page(ctx, filters, cursor, limit) {
      const where = and(
        { sql: `c.status = 'open'`, params: {} },
        ctx.scope.where(SCOPE),
        period('c.opened_at', ctx.from, ctx.to),
        filters.phase ? { sql: 'c.phase = :f_phase', params: { f_phase: filters.phase } } : null,
        filters.risk ? { sql: 'c.risk_level = :f_risk', params: { f_risk: filters.risk } } : null,
      );
      return keysetPage(ctx, {
        list: 'open-cases',
        select: CASE_ITEM_SELECT,
        from: `case_file c ${CASE_ITEM_JOINS}`,
        where,
        sort: 'c.opened_at',
        id: 'c.id',
        cursor,
        limit,
      });
    },
  },
};

interface Row {
  country: string;
  phase: string;
  risk: string;
  agency: string;
  g: number;
  n: number;
}
const GROUPS = (
  p: string,
) => `GROUPING SETS ((${p}.country_code, ${p}.phase), (${p}.country_code, ${p}.risk_level),
  (${p}.country_code, ${p}.agency_id))`;

/** From monitoring_open_case_count (kept exact by triggers): a few thousand rows per country. */
function fromRollup(ctx: MetricContext): Promise<Row[]> {
  const where = and(
    ctx.scope.where({ countryCode: 'r.country_code', agencyId: 'r.agency_id' }),
    period(monthStart('r.opened_month'), ctx.from, ctx.to),
  );
  return query<Row>(
    ctx.manager,
    `SELECT r.country_code AS country, r.phase, r.risk_level AS risk, r.agency_id::text AS agency,
            GROUPING(r.phase, r.risk_level, r.agency_id) AS g, sum(r.n)::int AS n
       FROM monitoring_open_case_count r
      WHERE ${where.sql}
      GROUP BY ${GROUPS('r')}
     HAVING sum(r.n) > 0`,
    where.params,
  );
}

/** From case_file itself, for periods that do not start and end on month boundaries. */
function live(ctx: MetricContext): Promise<Row[]> {
  const where = and(
    { sql: `c.status = 'open'`, params: {} },
    ctx.scope.where(SCOPE),
    period('c.opened_at', ctx.from, ctx.to),
  );
  return query<Row>(
    ctx.manager,
    `SELECT c.country_code AS country, c.phase, c.risk_level AS risk, c.agency_id::text AS agency,
            GROUPING(c.phase, c.risk_level, c.agency_id) AS g, count(*)::int AS n
       FROM case_file c
      WHERE ${where.sql}
      GROUP BY ${GROUPS('c')}`,
    where.params,
  );
}
