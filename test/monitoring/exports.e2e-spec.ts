import type { Actor } from '../../src/common/actor';
import { Role } from '../../src/common/role';
import type { CaseFile } from '../../src/cases/case-file.entity';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { makeCases } from '../factories/cases.factory';
import { eventually } from '../harness/queues';
import { createTestApp, TestApp } from '../harness/test-app';
import { startWorker, WorkerProcess } from '../harness/worker-process';

const BOM = '\uFEFF';

describe('monitoring CSV exports', () => {
  let t: TestApp;
  let worker: WorkerProcess;
  let lead: Actor;
  let otherLead: Actor;
  let analyst: Actor;
  let cases: CaseFile[];
  const req = (a: Actor, method: string, url: string, o: { body?: unknown; lang?: string } = {}) =>
    t.request(method, url, {
      token: t.tokenFor(a),
      body: o.body,
      headers: o.lang ? { 'accept-language': o.lang } : {},
    });

  beforeAll(async () => {
    t = await createTestApp({ env: { CLOCK_FIXED_AT: '2026-09-01T12:00:00Z' } });
    const ds = t.dataSource;
    const gt = await makeAgency(ds, { countryCode: 'GT', name: 'Centro, "Casa" =Norte' });
    const hn = await makeAgency(ds, { countryCode: 'HN' });
    cases = [
      ...(await makeCases(ds, 30, gt, { phase: 'assessment', riskLevel: 'high' })),
      ...(await makeCases(ds, 5, gt, { phase: 'case_plan', riskLevel: 'low' })),
    ];
    await makeCases(ds, 7, hn, { phase: 'assessment' });
    await makeCases(ds, 3, gt, {
      status: 'closed',
      closedAt: new Date('2026-04-01'),
      closureReason: 'goals_met',
    });
    lead = await makeActor(ds, Role.LeadUnitOfficer, gt);
    otherLead = await makeActor(ds, Role.LeadUnitOfficer, gt);
    analyst = await makeActor(ds, Role.RegionalAnalyst, hn);
    worker = await startWorker(t.env);
  }, 60000);
  afterAll(async () => {
    await worker?.stop();
    await t.close();
  }, 30000);

  it('streams a small aggregate CSV directly, UTF-8 with BOM, headers in Spanish or English', async () => {
    const es = await req(lead, 'GET', '/api/v1/monitoring/open-cases.csv');
    expect(es.status).toBe(200);
    expect(es.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(es.headers['content-disposition']).toBe('attachment; filename="open-cases.csv"');
    expect(es.body.startsWith(`${BOM}métrica,tabla,país,categoría,medida,valor\r\n`)).toBe(true);
    expect(es.body).toContain('open-cases,byPhase,GT,assessment,count,30\r\n');
    expect(es.body).toContain('open-cases,byPhase,GT,case_plan,count,5\r\n');
    expect(es.body).toContain('open-cases,byPhase,GT,total,count,35\r\n');
    expect(es.body).not.toContain(',HN,');
    const en = await req(lead, 'GET', '/api/v1/monitoring/open-cases.csv', { lang: 'en-GB,en;q=0.9' });
    expect(en.body.startsWith(`${BOM}metric,table,country,category,measure,value\r\n`)).toBe(true);
    expect(en.headers['content-language']).toBe('en');
  });

  it('streams a small drill-down CSV directly, quoting and neutralizing formulas', async () => {
    const res = await req(lead, 'GET', '/api/v1/monitoring/open-cases/items.csv?phase=case_plan');
    expect(res.status).toBe(200);
    const lines = res.body.slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(
      'Número de caso,País,Id de la agencia,Agencia,Fase,Riesgo,Estado,Fecha de retorno,Fecha de apertura,' +
        'Fecha de cierre,Motivo de cierre,Grupo de edad,Sexo,Nacionalidad',
    );
    expect(lines).toHaveLength(6);
    const expected = cases.filter((c) => c.phase === 'case_plan').map((c) => c.caseNumber);
    expect(
      lines
        .slice(1)
        .map((l: string) => l.split(',')[0])
        .sort(),
    ).toEqual(expected.sort());
    expect(lines[1]).toContain('"Centro, ""Casa"" =Norte"');
  });

  it('sends large ranges to an export job instead', async () => {
    const res = await req(lead, 'GET', '/api/v1/monitoring/closures.csv?from=2024-01-01&to=2026-06-01');
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('EXPORT_TOO_LARGE');
  });

  it('builds a drill-down export in the worker, readable only by the requester', async () => {
    const created = await req(lead, 'POST', '/api/v1/monitoring/exports', {
      body: { metric: 'open-cases', items: true, risk: 'high' },
      lang: 'en',
    });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ status: 'queued', metric: 'open-cases', items: true });
    const id = created.body.id;
    const done = await eventually(
      () => req(lead, 'GET', `/api/v1/monitoring/exports/${id}`),
      (r) => r.body.status === 'ready',
      20000,
    );
    expect(done.body.rowCount).toBe(30);
    const file = await req(lead, 'GET', `/api/v1/monitoring/exports/${id}/download`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = file.body.slice(1).split('\r\n').filter(Boolean);
    expect(lines[0].startsWith('Case number,Country,Agency id,Agency,Phase,Risk')).toBe(true);
    const expected = cases.filter((c) => c.riskLevel === 'high').map((c) => c.caseNumber);
    expect(
      lines
        .slice(1)
        .map((l: string) => l.split(',')[0])
        .sort(),
    ).toEqual(expected.sort());
    expect(lines.slice(1).every((l: string) => l.includes(',high,'))).toBe(true);

    for (const url of [`/api/v1/monitoring/exports/${id}`, `/api/v1/monitoring/exports/${id}/download`]) {
      expect((await req(otherLead, 'GET', url)).status).toBe(403);
      expect((await req(analyst, 'GET', url)).status).toBe(403);
    }
    const audit = await t.dataSource.query(
      `SELECT actor_user_id, outcome, fields FROM audit_entry
        WHERE subject_type = 'MonitoringExport' AND subject_id = $1 ORDER BY id`,
      [id],
    );
    expect(audit.map((a: any) => [a.actor_user_id === lead.userId, a.outcome])).toEqual([
      [true, 'allowed'],
      [true, 'allowed'],
      [false, 'denied'],
      [false, 'denied'],
      [false, 'denied'],
      [false, 'denied'],
    ]);
  }, 30000);

  it('builds a regional export with suppression for the analyst', async () => {
    const created = await req(analyst, 'POST', '/api/v1/monitoring/exports', {
      body: { metric: 'open-cases', view: 'regional', countries: ['GT', 'HN'] },
    });
    expect(created.status).toBe(202);
    await eventually(
      () => req(analyst, 'GET', `/api/v1/monitoring/exports/${created.body.id}`),
      (r) => r.body.status === 'ready',
      20000,
    );
    const file = await req(analyst, 'GET', `/api/v1/monitoring/exports/${created.body.id}/download`);
    expect(file.body).toContain('open-cases,byPhase,HN,assessment,count,7\r\n');
    expect(file.body).toContain('open-cases,byPhase,GT,assessment,count,30\r\n');
    expect(file.body).toContain('open-cases,byRisk,HN,medium,count,7\r\n');
  }, 30000);

  it('refuses bad export requests and exports outside the caller scope, writing nothing', async () => {
    const before = (await t.dataSource.query('SELECT count(*)::int AS n FROM export_file'))[0].n;
    const bad = await req(lead, 'POST', '/api/v1/monitoring/exports', { body: { metric: 'weather' } });
    expect(bad.status).toBe(400);
    const badFilter = await req(lead, 'POST', '/api/v1/monitoring/exports', {
      body: { metric: 'open-cases', items: true, phase: 'flying' },
    });
    expect(badFilter.status).toBe(400);
    const regionalByLead = await req(lead, 'POST', '/api/v1/monitoring/exports', {
      body: { metric: 'open-cases', view: 'regional' },
    });
    expect(regionalByLead.status).toBe(403);
    const itemsByAnalyst = await req(analyst, 'POST', '/api/v1/monitoring/exports', {
      body: { metric: 'open-cases', view: 'regional', items: true },
    });
    expect(itemsByAnalyst.status).toBe(400);
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM export_file'))[0].n).toBe(before);
    expect((await req(lead, 'GET', '/api/v1/monitoring/exports/nope')).status).toBe(400);
    expect(
      (await req(lead, 'GET', '/api/v1/monitoring/exports/7d0f3c1e-0000-4000-8000-000000000000')).status,
    ).toBe(404);
  });
});
