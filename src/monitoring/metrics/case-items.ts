import type { MetricContext, MetricItem, ItemsPage, SqlPart } from '../metric.types';
import { defineCursor } from '../../common/paging/cursor';
import { isoMicros } from '../../database/keyset';
import { AGE_BAND_SQL, and, query } from '../sql';

/** Operational fields of a case shown in drill-down lists (DESIGN.md: operational class only). */
export const CASE_ITEM_FIELDS = [
  'caseNumber',
  'countryCode',
  'agencyId',
  'agencyName',
  'phase',
  'riskLevel',
  'status',
  'returnedAt',
  'openedAt',
  'closedAt',
  'closureReason',
  'ageBand',
  'sex',
  'nationality',
] as const;

export const CASE_ITEM_SELECT = `c.case_number AS "caseNumber", c.country_code AS "countryCode",
  c.agency_id AS "agencyId", a.name AS "agencyName", c.phase AS "phase", c.risk_level AS "riskLevel",
  c.status AS "status", c.returned_at AS "returnedAt", c.opened_at AS "openedAt",
  c.closed_at AS "closedAt", c.closure_reason AS "closureReason", ${AGE_BAND_SQL('ch.date_of_birth')} AS "ageBand",
  ch.sex AS "sex", ch.nationality AS "nationality"`;

export const CASE_ITEM_JOINS = `JOIN child ch ON ch.id = c.child_id JOIN agency a ON a.id = c.agency_id`;

/**
 * One keyset page: rows ordered by (sort, id) after the cursor. `list` names the drill-down (its
 * cursors are refused by the others), `from` is the FROM clause with joins, `sort` a timestamptz
 * and `id` a uuid SQL expression; the sort value travels as ISO 8601 text with its microseconds, so
 * no precision is lost. A bad cursor is the paging 400 (common/paging).
 */
export async function keysetPage(
  ctx: MetricContext,
  opts: {
    list: string;
    select: string;
    from: string;
    where: SqlPart;
    sort: string;
    id: string;
    cursor: string | null;
    limit: number;
  },
): Promise<ItemsPage> {
  const codec = defineCursor(`monitoring.${opts.list}.items`, ['instant', 'uuid']);
  const after = codec.decode(opts.cursor ?? undefined);
  const keyset: SqlPart | null = after
    ? {
        sql: `(${opts.sort}, ${opts.id}) > (CAST(:k_sort AS timestamptz), CAST(:k_id AS uuid))`,
        params: { k_sort: after[0], k_id: after[1] },
      }
    : null;
  const where = and(opts.where, keyset);
  const rows = await query<MetricItem & { _sort: string; _id: string }>(
    ctx.manager,
    `SELECT ${opts.select}, ${isoMicros(opts.sort)} AS "_sort",
            ${opts.id}::text AS "_id"
       FROM ${opts.from}
      WHERE ${where.sql}
      ORDER BY ${opts.sort}, ${opts.id}
      LIMIT ${opts.limit + 1}`,
    { ...where.params, now: ctx.now },
  );
  const more = rows.length > opts.limit;
  const page = rows.slice(0, opts.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ _sort: _s, _id: _i, ...item }) => normalize(item)),
    nextCursor: more && last ? codec.encode(last._sort, last._id) : null,
  };
}

function normalize(item: Record<string, unknown>): MetricItem {
  const out: MetricItem = {};
  for (const [k, v] of Object.entries(item))
    out[k] = v instanceof Date ? v.toISOString() : (v as string | number | null);
  return out;
}
