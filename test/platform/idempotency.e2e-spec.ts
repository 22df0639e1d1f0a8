import { Role } from '../../src/common/role';
import type { Agency } from '../../src/directory/agency.entity';
import { IdempotencyStore } from '../../src/idempotency/idempotency.store';
import { registrationBody } from '../factories/case.factory';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { createTestApp, TestApp } from '../harness/test-app';
import { referralScenario } from '../referrals/referral-scenario';

/** Children different enough that registration finds no duplicate among them. */
const KIDS = {
  Uno: ['Rosa', 'Ajú Coc', '2009-01-11'],
  Dos: ['Tomás', 'Bámaca Tzul', '2011-02-12'],
  Tres: ['Itzel', 'Cifuentes Ixcot', '2012-03-13'],
  Cuatro: ['Marvin', 'Duarte Xol', '2013-04-14'],
  Cinco: ['Yesenia', 'Escobar Pop', '2014-05-15'],
  Seis: ['Kevin', 'Flores Caal', '2015-06-16'],
  Siete: ['Dulce', 'García Tun', '2016-07-17'],
  Ocho: ['Brayan', 'Hernández Chub', '2017-08-18'],
  Nueve: ['Xiomara', 'Ixcoy Sam', '2018-09-19'],
} as const;
const kid = (name: keyof typeof KIDS) => ({
  firstNames: KIDS[name][0],
  lastNames: KIDS[name][1],
  dateOfBirth: KIDS[name][2],
  documents: [],
});

/** A caseworker on a poor connection retries a POST whose answer never arrived. */
describe('Idempotency-Key on client writes', () => {
  let t: TestApp;
  let center: Agency;
  let cw: Awaited<ReturnType<typeof makeActor>>;
  let other: Awaited<ReturnType<typeof makeActor>>;

  beforeAll(async () => {
    t = await createTestApp();
    center = await makeAgency(t.dataSource);
    cw = await makeActor(t.dataSource, Role.Caseworker, center);
    other = await makeActor(t.dataSource, Role.Caseworker, center);
  });
  afterAll(() => t.close());

  const post = (actor: any, url: string, body: unknown, key?: string) =>
    t.request('POST', url, {
      token: t.tokenFor(actor),
      body,
      headers: key === undefined ? {} : { 'idempotency-key': key },
    });
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await t.dataSource.query(sql, params))[0].n);
  const casesOf = (name: keyof typeof KIDS) =>
    count(
      `SELECT count(*)::int AS n FROM case_file c JOIN child ch ON ch.id = c.child_id WHERE ch.last_names = $1`,
      [KIDS[name][1]],
    );

  it('answers a replayed registration with the first answer and registers the child once', async () => {
    const body = registrationBody(center.id, {}, kid('Uno'));
    const first = await post(cw, '/api/v1/cases', body, 'reg-1');
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await post(cw, '/api/v1/cases', body, 'reg-1');
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await casesOf('Uno')).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'case.create' AND case_id = $1`,
        [first.body.case.id],
      ),
    ).toBe(1);
  });

  it('refuses the same key with another request (422) and changes nothing', async () => {
    const body = registrationBody(center.id, {}, kid('Dos'));
    expect((await post(cw, '/api/v1/cases', body, 'reg-2')).status).toBe(201);
    const changed = { ...body, riskLevel: body.riskLevel === 'high' ? 'low' : 'high' };
    const reused = await post(cw, '/api/v1/cases', changed, 'reg-2');
    expect(reused.status).toBe(422);
    expect(reused.headers['content-type']).toMatch(/problem\+json/);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await casesOf('Dos')).toBe(1);
  });

  it('keeps keys per user: another user with the same key does its own work', async () => {
    const mine = registrationBody(center.id, {}, kid('Tres'));
    const theirs = registrationBody(center.id, {}, kid('Cuatro'));
    expect((await post(cw, '/api/v1/cases', mine, 'shared-key')).status).toBe(201);
    const res = await post(other, '/api/v1/cases', theirs, 'shared-key');
    expect(res.status).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(await casesOf('Cuatro')).toBe(1);
  });

  it('lets a failed request be retried with its key, since it changed nothing', async () => {
    const body = registrationBody(center.id, {}, kid('Cinco'));
    const bad = await post(cw, '/api/v1/cases', { ...body, riskLevel: 'extreme' }, 'reg-5');
    expect(bad.status).toBe(400);
    const fixed = await post(cw, '/api/v1/cases', body, 'reg-5');
    expect(fixed.status).toBe(201);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
    expect(await casesOf('Cinco')).toBe(1);
  });

  it('refuses a malformed key', async () => {
    const body = registrationBody(center.id, {}, kid('Seis'));
    const res = await post(cw, '/api/v1/cases', body, 'x'.repeat(256));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_IDEMPOTENCY_KEY');
    expect(await casesOf('Seis')).toBe(0);
  });

  const consentBody = () => ({
    givenBy: 'child',
    purposes: ['education'],
    anyRecipientInCountry: true,
    dataCategories: ['case_summary'],
    givenAt: new Date().toISOString(),
  });
  const newCase = async (name: keyof typeof KIDS) =>
    (await post(cw, '/api/v1/cases', registrationBody(center.id, {}, kid(name)))).body.case.id as string;
  const consents = (caseId: string) =>
    count(`SELECT count(*)::int AS n FROM consent WHERE case_id = $1`, [caseId]);

  it('after a crash: never redoes committed work, takes over work that never committed', async () => {
    const caseId = await newCase('Siete');
    const url = `/api/v1/cases/${caseId}/consents`;
    const body = consentBody();
    expect((await post(cw, url, body, 'consent-7')).status).toBe(201);
    const crash = (committed: boolean, lockedFor: string) =>
      t.dataSource.query(
        `UPDATE idempotency_key SET state = 'started', response_status = NULL, response_body = NULL,
                work_committed = $2, locked_until = now() + $3::interval
         WHERE user_id = $1 AND key = 'consent-7'`,
        [cw.userId, committed, lockedFor],
      );

    await crash(true, '-1 second'); // committed, then died before its answer was kept
    const unknown = await post(cw, url, body, 'consent-7');
    expect(unknown.status).toBe(409);
    expect(unknown.body.code).toBe('IDEMPOTENCY_OUTCOME_UNKNOWN');

    await crash(false, '1 minute'); // the first request is still running
    const running = await post(cw, url, body, 'consent-7');
    expect(running.status).toBe(409);
    expect(running.body.code).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
    expect(running.headers['retry-after']).toBe('1');
    expect(await consents(caseId)).toBe(1);

    await crash(false, '-1 second'); // died before committing: a retry does the work
    const taken = await post(cw, url, body, 'consent-7');
    expect(taken.status).toBe(201);
    expect(taken.headers['idempotent-replayed']).toBeUndefined();
    expect(await consents(caseId)).toBe(2);
  });

  it('marks the key in the same transaction as the work', async () => {
    const caseId = await newCase('Nueve');
    expect((await post(cw, `/api/v1/cases/${caseId}/consents`, consentBody(), 'consent-9')).status).toBe(201);
    const [row] = await t.dataSource.query(
      `SELECT state, work_committed FROM idempotency_key WHERE user_id = $1 AND key = 'consent-9'`,
      [cw.userId],
    );
    expect(row).toEqual({ state: 'completed', work_committed: true });
  });

  it('replays a consent', async () => {
    const caseId = await newCase('Ocho');
    const url = `/api/v1/cases/${caseId}/consents`;
    const body = consentBody();
    const first = await post(cw, url, body, 'consent-1');
    expect(first.status).toBe(201);
    const again = await post(cw, url, body, 'consent-1');
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await consents(caseId)).toBe(1);
  });

  it('replays a referral', async () => {
    const s = await referralScenario(t);
    const first = await post(s.caseworker, '/api/v1/referrals', s.body(), 'ref-1');
    expect(first.status).toBe(201);
    const again = await post(s.caseworker, '/api/v1/referrals', s.body(), 'ref-1');
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await count(`SELECT count(*)::int AS n FROM referral WHERE case_id = $1`, [s.caseFile.id])).toBe(
      1,
    );
  });

  it('forgets keys after IDEMPOTENCY_TTL_HOURS', async () => {
    await t.dataSource.query(
      `UPDATE idempotency_key SET expires_at = now() - interval '1 second' WHERE key = 'reg-1'`,
    );
    expect(await t.app.get(IdempotencyStore).purgeExpired()).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM idempotency_key WHERE key = 'reg-1'`)).toBe(0);
  });
  it('is in the API documentation of signed-in POSTs, not of sign-in', async () => {
    const doc = (await t.request('GET', '/docs/json')).body;
    const header = (path: string) =>
      (doc.paths[path].post.parameters ?? []).find((p: any) => p.name === 'Idempotency-Key');
    expect(header('/api/v1/cases')).toMatchObject({ in: 'header', required: false });
    expect(header('/api/v1/referrals')).toBeDefined();
    expect(header('/api/v1/auth/login')).toBeUndefined();
  });
});
