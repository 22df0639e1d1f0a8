import type { Actor } from '../../src/common/actor';
import { Role } from '../../src/common/role';
import type { Agency } from '../../src/directory/agency.entity';
import { auditRows } from '../factories/audit.factory';
import { registerCase } from '../factories/case.factory';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { createTestApp, TestApp } from '../harness/test-app';

/**
 * One audit vocabulary: the entry of a refused operation carries the same action name as the
 * entry of the same operation allowed, and a case's access log uses the audit API's field names.
 * (Shares to external partners: test/referrals/referral-external-flow.e2e-spec.ts.)
 */
describe('audit vocabulary: denied and allowed entries name the operation alike', () => {
  let t: TestApp;
  let center: Agency;
  let other: Agency;
  let cw: Actor;
  let cwUnassigned: Actor;
  let sup: Actor;
  let supOther: Actor;
  let auditor: Actor;
  let leadUnit: Actor;
  let caseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    center = await makeAgency(t.dataSource);
    other = await makeAgency(t.dataSource);
    cw = await makeActor(t.dataSource, Role.Caseworker, center);
    cwUnassigned = await makeActor(t.dataSource, Role.Caseworker, center);
    sup = await makeActor(t.dataSource, Role.Supervisor, center);
    supOther = await makeActor(t.dataSource, Role.Supervisor, other);
    auditor = await makeActor(t.dataSource, Role.Auditor, center);
    leadUnit = await makeActor(t.dataSource, Role.LeadUnitOfficer, center);
    caseId = (await registerCase(t, cw, center.id)).case.id;
  });
  afterAll(() => t.close());

  const call = (a: Actor, method: string, url: string, body?: unknown) =>
    t.request(method, url, { token: t.tokenFor(a), body });
  /** The action and outcome of the entries a request wrote. */
  const entriesOf = async (res: { headers: Record<string, any> }) =>
    (await auditRows(t.dataSource, 'request_id = $1', [res.headers['x-request-id']])).map((e) => ({
      action: e.action,
      outcome: e.outcome,
    }));

  /** Calls the route allowed and refused; both entries must name the same action. */
  async function sameName(allowed: () => Promise<any>, refused: () => Promise<any>, action: string) {
    const ok = await allowed();
    expect(ok.status).toBeLessThan(300);
    expect(await entriesOf(ok)).toContainEqual({ action, outcome: 'allowed' });
    const no = await refused();
    expect(no.status).toBe(403);
    expect(await entriesOf(no)).toEqual([{ action, outcome: 'denied' }]);
  }

  it('a case record list (permission readRecords): assessment.list both ways', () =>
    sameName(
      () => call(cw, 'GET', `/api/v1/cases/${caseId}/assessments`),
      () => call(cwUnassigned, 'GET', `/api/v1/cases/${caseId}/assessments`),
      'assessment.list',
    ));

  it('a consent list and an interview list keep their own names', async () => {
    await sameName(
      () => call(cw, 'GET', `/api/v1/cases/${caseId}/consents`),
      () => call(cwUnassigned, 'GET', `/api/v1/cases/${caseId}/consents`),
      'consent.list',
    );
    await sameName(
      () => call(cw, 'GET', `/api/v1/cases/${caseId}/interviews`),
      () => call(cwUnassigned, 'GET', `/api/v1/cases/${caseId}/interviews`),
      'interview.list',
    );
  });

  it('the access log (permission viewAccessLog): case.accessLog.read both ways', () =>
    sameName(
      () => call(sup, 'GET', `/api/v1/cases/${caseId}/access-log`),
      () => call(supOther, 'GET', `/api/v1/cases/${caseId}/access-log`),
      'case.accessLog.read',
    ));

  it('the auditor’s search (list on AuditEntry): auditEntry.list both ways', () =>
    sameName(
      () => call(auditor, 'GET', '/api/v1/audit/entries?limit=1'),
      () => call(cw, 'GET', '/api/v1/audit/entries?limit=1'),
      'auditEntry.list',
    ));

  it('a closure decision (permission approve): named by the decision both ways', async () => {
    const version = (await call(cw, 'GET', `/api/v1/cases/${caseId}`)).body.version;
    const req = await call(cw, 'POST', `/api/v1/cases/${caseId}/closure`, { version, reason: 'goals_met' });
    expect(req.status).toBeLessThan(300);
    expect(await entriesOf(req)).toContainEqual({ action: 'case.closure.request', outcome: 'allowed' });
    const current = (await call(cw, 'GET', `/api/v1/cases/${caseId}`)).body.version;
    const decision = { version: current, decision: 'reject', comment: 'Falta la visita de cierre.' };
    await sameName(
      () => call(sup, 'POST', `/api/v1/cases/${caseId}/closure/decision`, decision),
      () => call(supOther, 'POST', `/api/v1/cases/${caseId}/closure/decision`, decision),
      'case.closure.rejected',
    );
  });

  it('a role without the permission at all is refused by the route with the operation’s name too', async () => {
    const list = await call(leadUnit, 'GET', `/api/v1/cases/${caseId}/assessments`);
    expect(list.status).toBe(403);
    expect(await entriesOf(list)).toEqual([{ action: 'assessment.list', outcome: 'denied' }]);
    // A decision is named by the body's decision, as its success would be.
    const version = (await call(cw, 'GET', `/api/v1/cases/${caseId}`)).body.version;
    const decide = await call(cw, 'POST', `/api/v1/cases/${caseId}/closure/decision`, {
      version,
      decision: 'approve',
    });
    expect(decide.status).toBe(403);
    expect(await entriesOf(decide)).toEqual([{ action: 'case.closure.approved', outcome: 'denied' }]);
    // A body that names no known decision: the permission's own name.
    const odd = await call(cw, 'POST', `/api/v1/cases/${caseId}/closure/decision`, {
      decision: 'constructor',
    });
    expect(await entriesOf(odd)).toEqual([{ action: 'case.approve', outcome: 'denied' }]);
  });

  it('the access log answers with the audit API’s field names (occurredAt, not at)', async () => {
    const log = await call(sup, 'GET', `/api/v1/cases/${caseId}/access-log?limit=5`);
    const line = log.body.items[0];
    expect(line).toHaveProperty('occurredAt');
    expect(line).not.toHaveProperty('at');
    const search = await call(auditor, 'GET', `/api/v1/audit/entries?caseId=${caseId}&limit=100`);
    const same = search.body.items.find((e: any) => e.id === line.id);
    expect(same).toBeDefined();
    // Every field of a log line is a field of the audit entry, with the same value.
    for (const key of Object.keys(line))
      expect(`${key}=${JSON.stringify(line[key])}`).toBe(`${key}=${JSON.stringify(same[key])}`);
  });
});
