import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '../../src/common/actor';
import { Role } from '../../src/common/role';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { makeCases } from '../factories/cases.factory';
import { createTestApp, TestApp } from '../harness/test-app';

describe('monitoring (regional aggregates, small-cell suppression)', () => {
  let t: TestApp;
  let config: string;
  let analyst: Actor;
  let lead: Actor;
  const get = (a: Actor, url: string) => t.request('GET', url, { token: t.tokenFor(a) });

  beforeAll(async () => {
    // El Salvador's policy asks for a stricter threshold than the default of 5.
    config = mkdtempSync(join(tmpdir(), 'enlace-config-'));
    cpSync(join(__dirname, '..', '..', 'config'), config, { recursive: true });
    writeFileSync(join(config, 'policy', 'countries', 'SV.yaml'), 'aggregates:\n  smallCellThreshold: 10\n');
    t = await createTestApp({ env: { CONFIG_DIR: config } });
    t.clock.set('2026-09-01T12:00:00Z');
    const ds = t.dataSource;
    const gt = await makeAgency(ds, { countryCode: 'GT' });
    const hn = await makeAgency(ds, { countryCode: 'HN' });
    const sv = await makeAgency(ds, { countryCode: 'SV' });
    await makeCases(ds, 12, gt, { phase: 'assessment' });
    await makeCases(ds, 2, gt, { phase: 'case_plan' });
    await makeCases(ds, 6, hn, { phase: 'assessment' });
    await makeCases(ds, 8, hn, { phase: 'implementation' });
    await makeCases(ds, 11, sv, { phase: 'assessment' });
    await makeCases(ds, 7, sv, { phase: 'implementation' });
    analyst = await makeActor(ds, Role.RegionalAnalyst, hn);
    lead = await makeActor(ds, Role.LeadUnitOfficer, gt);
  }, 60000);
  afterAll(async () => {
    await t.close();
    rmSync(config, { recursive: true, force: true });
  });

  it('shows counts from 1 to 4 as "<5", hides a complementary cell and withholds totals that would give them away', async () => {
    const res = await get(analyst, '/api/v1/monitoring/regional/open-cases?countries=GT,HN');
    expect(res.status).toBe(200);
    expect(res.body.suppression).toMatchObject({
      threshold: 5,
      source: expect.stringContaining('default.yaml'),
    });
    const byPhase = res.body.tables.find((x: any) => x.name === 'byPhase');
    const gt = byPhase.rows.find((r: any) => r.country === 'GT');
    const hn = byPhase.rows.find((r: any) => r.country === 'HN');
    expect(gt.cells).toMatchObject({ assessment: 'x', case_plan: '<5', registration: 0 });
    expect(gt.total).toBe(14);
    expect(hn.cells).toMatchObject({ assessment: 6, implementation: 8 });
    expect(byPhase.totals.cells).toMatchObject({ assessment: 'x', case_plan: '<5', implementation: 8 });
    expect(byPhase.totals.total).toBe('x');
    // The risk breakdown of the same population has no small cell: fully published.
    const byRisk = res.body.tables.find((x: any) => x.name === 'byRisk');
    expect(byRisk.rows.map((r: any) => r.cells.medium)).toEqual([14, 14]);
  });

  it('leaves no small cell recoverable by subtraction in any table', async () => {
    const res = await get(analyst, '/api/v1/monitoring/regional/overview');
    expect(res.status).toBe(200);
    for (const metric of Object.values<any>(res.body.metrics)) {
      const T = metric.suppression.threshold;
      for (const table of metric.tables) {
        for (const row of table.rows) {
          const hidden = table.columns.filter((c: string) => typeof row.cells[c] === 'string');
          if (!hidden.length) continue;
          expect(hidden.length).toBeGreaterThanOrEqual(2);
          if (typeof row.total === 'number') {
            const visible = table.columns
              .filter((c: string) => typeof row.cells[c] === 'number')
              .reduce((s: number, c: string) => s + row.cells[c], 0);
            // What subtraction reveals is the sum of the hidden cells, never below the threshold.
            expect(row.total - visible).toBeGreaterThanOrEqual(T);
          }
          for (const c of hidden) expect(typeof table.totals.cells[c]).toBe('string');
          expect(typeof table.totals.total).toBe('string');
        }
      }
    }
  });

  it('uses the strictest threshold among the countries involved', async () => {
    const res = await get(analyst, '/api/v1/monitoring/regional/open-cases?countries=GT,SV');
    expect(res.body.suppression).toMatchObject({
      threshold: 10,
      source: expect.stringContaining('SV.yaml#aggregates.smallCellThreshold (SV)'),
    });
    const sv = res.body.tables[0].rows.find((r: any) => r.country === 'SV');
    expect(sv.cells).toMatchObject({ assessment: 'x', implementation: '<10' });
    expect(sv.total).toBe(18);
    const gt = res.body.tables[0].rows.find((r: any) => r.country === 'GT');
    expect(gt.cells).toMatchObject({ assessment: 'x', case_plan: '<10' });
  });

  it('shows the same small counts unsuppressed to the country lead unit (national view)', async () => {
    const res = await get(lead, '/api/v1/monitoring/open-cases');
    expect(res.body.tables[0].rows[0].cells).toMatchObject({ assessment: 12, case_plan: 2 });
  });

  it('suppresses in the regional CSV too', async () => {
    const res = await t.request('GET', '/api/v1/monitoring/regional/open-cases.csv?countries=GT,HN', {
      token: t.tokenFor(analyst),
      headers: { 'accept-language': 'en' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toContain('open-cases,byPhase,GT,case_plan,count,<5\r\n');
    expect(res.body).toContain('open-cases,byPhase,GT,assessment,count,x\r\n');
    expect(res.body).not.toMatch(/byPhase,GT,case_plan,count,2/);
  });

  it('rejects unknown countries, an agency filter and drill-downs in the regional view', async () => {
    const bad = await get(analyst, '/api/v1/monitoring/regional/open-cases?countries=GT,XX');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toMatch(/^countries/);
    expect(
      (
        await get(
          analyst,
          '/api/v1/monitoring/regional/open-cases?agencyId=7d0f3c1e-0000-4000-8000-000000000000',
        )
      ).status,
    ).toBe(400);
    expect(
      (await get(analyst, '/api/v1/monitoring/regional/open-cases?from=2026-05-01&to=2026-01-01')).status,
    ).toBe(400);
  });
});
