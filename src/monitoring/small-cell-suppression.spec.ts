import type { MetricData } from './metric.types';
import { present } from './small-cell-suppression';

const table = (cells: [string, string, number][]): MetricData => ({
  tables: [
    {
      name: 'byPhase',
      dimension: 'phase',
      columns: ['a', 'b', 'c'],
      cells: cells.map(([country, key, count]) => ({ country, key, count })),
    },
  ],
  stats: [],
});

describe('small-cell suppression', () => {
  it('publishes everything as numbers without a threshold (national view)', () => {
    const out = present(
      table([
        ['GT', 'a', 2],
        ['GT', 'b', 30],
      ]),
      null,
    );
    expect(out.tables[0].rows[0]).toMatchObject({ cells: { a: 2, b: 30, c: 0 }, total: 32 });
    expect(out.tables[0].totals.total).toBe(32);
  });

  it('shows counts from 1 to T-1 as <T and keeps zeros and large counts', () => {
    const out = present(
      table([
        ['GT', 'a', 4],
        ['GT', 'b', 3],
        ['GT', 'c', 50],
      ]),
      5,
    );
    expect(out.tables[0].rows[0].cells).toEqual({ a: '<5', b: '<5', c: 50 });
    expect(out.tables[0].rows[0].total).toBe(57);
  });

  it('hides a second cell when a row would otherwise hide a single small cell (no recovery from the row total)', () => {
    const out = present(
      table([
        ['GT', 'a', 2],
        ['GT', 'b', 40],
        ['GT', 'c', 9],
      ]),
      5,
    );
    const row = out.tables[0].rows[0];
    expect(row.cells).toEqual({ a: '<5', b: 40, c: 'x' });
    // total - visible = a + c, which is at least 5: the small cell cannot be isolated.
    expect(row.total).toBe(51);
  });

  it('keeps hiding until the hidden cells add up to the threshold', () => {
    const out = present(
      table([
        ['GT', 'a', 1],
        ['GT', 'b', 1],
        ['GT', 'c', 20],
      ]),
      5,
    );
    expect(out.tables[0].rows[0].cells).toEqual({ a: '<5', b: '<5', c: 'x' });
  });

  it('withholds a column total and the grand total that add up a hidden cell', () => {
    const out = present(
      table([
        ['GT', 'a', 2],
        ['GT', 'b', 40],
        ['GT', 'c', 9],
        ['HN', 'a', 10],
        ['HN', 'b', 10],
        ['HN', 'c', 10],
      ]),
      5,
    );
    const t = out.tables[0];
    expect(t.totals.cells).toEqual({ a: 'x', b: 50, c: 'x' });
    expect(t.totals.total).toBe('x');
    expect(t.rows[1]).toMatchObject({ country: 'HN', cells: { a: 10, b: 10, c: 10 }, total: 30 });
  });

  it('shows a small row total as <T', () => {
    const out = present(
      table([
        ['BZ', 'a', 1],
        ['BZ', 'b', 2],
      ]),
      5,
    );
    expect(out.tables[0].rows[0]).toMatchObject({ cells: { a: '<5', b: '<5', c: 0 }, total: '<5' });
  });

  it('withholds derived values next to hidden or small counts and country statistics of a country with hidden counts', () => {
    const data: MetricData = {
      tables: [
        {
          name: 'byMonth',
          dimension: 'month',
          cells: [
            { country: 'GT', key: '2026-01', count: 3, values: { overall: 40 } },
            { country: 'GT', key: '2026-02', count: 12, values: { overall: 60 } },
            { country: 'GT', key: '2026-03', count: 20, values: { overall: 70 } },
            { country: 'HN', key: '2026-01', count: 8, values: { overall: 55 } },
          ],
        },
      ],
      stats: [
        { country: 'GT', base: 35, values: { overall: 63 } },
        { country: 'HN', base: 8, values: { overall: 55 } },
        { country: 'SV', base: 3, values: { overall: 10 } },
      ],
    };
    const out = present(data, 5);
    const gt = out.tables[0].rows[0];
    expect(gt.cells).toEqual({ '2026-01': '<5', '2026-02': 'x', '2026-03': 20 });
    expect(gt.values).toEqual({
      '2026-01': { overall: null },
      '2026-02': { overall: null },
      '2026-03': { overall: 70 },
    });
    expect(out.stats).toEqual([
      { country: 'GT', withheld: true, values: { overall: null } },
      { country: 'HN', withheld: false, values: { overall: 55 } },
      { country: 'SV', withheld: true, values: { overall: null } },
    ]);
  });

  it('never lets any subtraction of published numbers isolate a small cell', () => {
    // Brute force over a small table: for each hidden small cell, check it is not equal to
    // (published row total - published cells of the row) nor (published column total - published cells).
    const cells: [string, string, number][] = [
      ['GT', 'a', 3],
      ['GT', 'b', 17],
      ['GT', 'c', 6],
      ['HN', 'a', 0],
      ['HN', 'b', 2],
      ['HN', 'c', 25],
      ['SV', 'a', 8],
      ['SV', 'b', 9],
      ['SV', 'c', 1],
    ];
    const t = present(table(cells), 5).tables[0];
    for (const row of t.rows) {
      const hidden = Object.values(row.cells).filter((v) => typeof v === 'string');
      if (hidden.length) expect(hidden.length).toBeGreaterThanOrEqual(2);
    }
    for (const col of t.columns) {
      const anyHidden = t.rows.some((r) => typeof r.cells[col] === 'string');
      if (anyHidden) expect(typeof t.totals.cells[col]).toBe('string');
    }
  });
});
