import type { MetricData, MetricTable } from './metric.types';

/** A published count: a number, `<T` (a count from 1 to T-1) or `x` (withheld so a `<T` cannot be recovered). */
export type CellValue = number | string;
export const WITHHELD = 'x';

export interface PresentedRow {
  country: string;
  cells: Record<string, CellValue>;
  /** Derived values per category (e.g. mean score per month); null where withheld. */
  values?: Record<string, Record<string, number | null>>;
  total: CellValue;
}

export interface PresentedTable {
  name: string;
  dimension: string | null;
  columns: string[];
  rows: PresentedRow[];
  /** Across the countries of the response. */
  totals: { cells: Record<string, CellValue>; total: CellValue };
}

export interface PresentedStat {
  country: string;
  values: Record<string, number | null>;
  withheld: boolean;
}

export interface Presented {
  tables: PresentedTable[];
  stats: PresentedStat[];
}

const SINGLE = 'count';

function columnsOf(t: MetricTable): string[] {
  const seen = new Set<string>(t.columns ?? []);
  const extra = [...new Set(t.cells.map((c) => c.key ?? SINGLE))].filter((k) => !seen.has(k)).sort();
  return t.dimension === null ? [SINGLE] : [...(t.columns ?? []), ...extra];
}

/**
 * Lays the metric out as tables (countries x categories, with totals) and, when `threshold` is
 * given (regional aggregates), suppresses small cells so that no count from 1 to threshold-1 can
 * be read or recomputed:
 *
 * 1. Primary: a count from 1 to T-1 is shown as `<T`. Zeros are true zeros and stay.
 * 2. Complementary, per row (a country's breakdown): a country's total can always be recomputed
 *    from another breakdown of the same population, so a row must never hide a lone small cell.
 *    While a row's hidden cells are fewer than two or add up to less than T, its smallest non-zero
 *    visible cell is hidden too (shown as `x`).
 * 3. Totals: a row total is published (it only reveals the sum of the hidden cells, which is at
 *    least T by rule 2) unless it is itself from 1 to T-1. A column total (a category across
 *    countries) and the grand total are withheld when any cell they add up is hidden.
 * 4. Derived values (means per category) are published only next to a published count of at
 *    least T. Country statistics (rates, medians, means) are withheld when their base is under T
 *    or when any count of that country in the metric is hidden, since rate x base = count.
 */
export function present(data: MetricData, threshold: number | null): Presented {
  const hiddenCountries = new Set<string>();
  const tables = data.tables.map((t) => presentTable(t, threshold, hiddenCountries));
  const stats = data.stats
    .map((s) => {
      const withheld = threshold !== null && (s.base < threshold || hiddenCountries.has(s.country));
      return {
        country: s.country,
        withheld,
        values: withheld ? Object.fromEntries(Object.keys(s.values).map((k) => [k, null])) : s.values,
      };
    })
    .sort((a, b) => a.country.localeCompare(b.country));
  return { tables, stats };
}

function presentTable(t: MetricTable, T: number | null, hiddenCountries: Set<string>): PresentedTable {
  const columns = columnsOf(t);
  const countries = [...new Set(t.cells.map((c) => c.country))].sort();
  const count = new Map<string, number>();
  const values = new Map<string, Record<string, number | null>>();
  for (const c of t.cells) {
    const id = `${c.country}|${c.key ?? SINGLE}`;
    count.set(id, (count.get(id) ?? 0) + c.count);
    if (c.values) values.set(id, c.values);
  }
  const n = (country: string, col: string) => count.get(`${country}|${col}`) ?? 0;
  const small = (v: number) => T !== null && v >= 1 && v < T;
  const hidden = new Map<string, 'primary' | 'secondary'>();

  for (const country of countries) {
    for (const col of columns) if (small(n(country, col))) hidden.set(`${country}|${col}`, 'primary');
    const rowHidden = () => columns.filter((col) => hidden.has(`${country}|${col}`));
    if (!rowHidden().length) continue;
    hiddenCountries.add(country);
    for (;;) {
      const h = rowHidden();
      const sum = h.reduce((s, col) => s + n(country, col), 0);
      if (h.length >= 2 && sum >= (T ?? 0)) break;
      const next = columns
        .filter((col) => !hidden.has(`${country}|${col}`) && n(country, col) > 0)
        .sort((a, b) => n(country, a) - n(country, b))[0];
      if (!next) break;
      hidden.set(`${country}|${next}`, 'secondary');
    }
  }

  const show = (v: number, isHidden: boolean): CellValue => (small(v) ? `<${T}` : isHidden ? WITHHELD : v);
  const rows: PresentedRow[] = countries.map((country) => {
    const cells: Record<string, CellValue> = {};
    const vals: Record<string, Record<string, number | null>> = {};
    let total = 0;
    for (const col of columns) {
      const id = `${country}|${col}`;
      const v = n(country, col);
      total += v;
      const kind = hidden.get(id);
      cells[col] = kind === 'primary' ? `<${T}` : kind === 'secondary' ? WITHHELD : v;
      const derived = values.get(id);
      if (derived) {
        const publish = !kind && (T === null || v >= T);
        vals[col] = publish ? derived : Object.fromEntries(Object.keys(derived).map((k) => [k, null]));
      }
    }
    const row: PresentedRow = { country, cells, total: show(total, false) };
    if (Object.keys(vals).length) row.values = vals;
    return row;
  });

  const totalCells: Record<string, CellValue> = {};
  let grand = 0;
  let anyHidden = false;
  for (const col of columns) {
    const sum = countries.reduce((s, c) => s + n(c, col), 0);
    const colHidden = countries.some((c) => hidden.has(`${c}|${col}`));
    anyHidden ||= colHidden;
    grand += sum;
    totalCells[col] = show(sum, colHidden);
  }
  return {
    name: t.name,
    dimension: t.dimension,
    columns,
    rows,
    totals: { cells: totalCells, total: show(grand, anyHidden) },
  };
}
