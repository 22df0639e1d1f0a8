import type { EntityManager } from 'typeorm';

/** One count of a breakdown for one country, with values derived from that same population. */
export interface MetricCell {
  country: string;
  /** The category (a phase, a month...), or null in a table without a breakdown. */
  key: string | null;
  count: number;
  values?: Record<string, number | null>;
}

export interface MetricTable {
  name: string;
  /** What the keys are (`phase`, `month`...); null for a single-cell table. */
  dimension: string | null;
  /** Categories always listed (zeros included), in this order; others follow sorted. */
  columns?: readonly string[];
  cells: MetricCell[];
}

/** A country-level statistic (median, rate, mean) over `base` items; never a count itself. */
export interface MetricStat {
  country: string;
  base: number;
  values: Record<string, number | null>;
}

export interface MetricData {
  tables: MetricTable[];
  stats: MetricStat[];
}

/** Columns a provider names for the scope: the row's country and managing agency. */
export interface ScopeColumns {
  countryCode: string;
  agencyId: string;
}

export interface SqlPart {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * The caller's scope as SQL: the monitoring policy's conditions (applyAbility's interpreter), the
 * countries asked for and the agency filter. Providers AND it into every query.
 */
export interface MetricScope {
  where(columns: ScopeColumns): SqlPart;
}

export interface MetricContext {
  manager: EntityManager;
  scope: MetricScope;
  /** Inclusive from, exclusive to; null ends are open. */
  from: Date | null;
  to: Date | null;
  /** The request's "now" (Clock), also used by export jobs so a file matches its request. */
  now: Date;
}

/** A drill-down row: operational fields only (see ITEM_FIELDS). */
export type MetricItem = Record<string, string | number | null>;

/** A drill-down page in the API's one list shape (common/paging). */
export interface ItemsPage {
  items: MetricItem[];
  nextCursor: string | null;
}

export interface MetricItems {
  /** Allowed drill-down filters and their allowed values (null: any value of the given pattern). */
  filters: Record<string, readonly string[] | RegExp>;
  /** Item field names, in CSV column order. */
  fields: readonly string[];
  /** The page after `cursor` (a `nextCursor` of this list, or null for the first). */
  page(
    ctx: MetricContext,
    filters: Record<string, string>,
    cursor: string | null,
    limit: number,
  ): Promise<ItemsPage>;
}

/**
 * One monitoring metric: an aggregate over the caller's scope and period, and optionally a
 * drill-down list.
 */
export interface MetricProvider {
  name: string;
  /** `flow` metrics count events in a period (default: the last 12 months); `snapshot` metrics
   * describe the current state and filter by period only when one is given. */
  kind: 'flow' | 'snapshot';
  aggregate(ctx: MetricContext): Promise<MetricData>;
  items?: MetricItems;
}
