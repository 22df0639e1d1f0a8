import type { Actor } from '../../src/common/actor';
import { Role } from '../../src/common/role';
import type { CaseFile } from '../../src/cases/case-file.entity';
import type { Agency } from '../../src/directory/agency.entity';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { makeCases } from '../factories/cases.factory';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { makeFollowUp, makeReferral } from '../factories/monitoring-rows.factory';
import { makeAgreement } from '../factories/referrals.factory';
import { createTestApp, TestApp } from '../harness/test-app';

/**
 * One paging convention (README, "Lists and paging"): every list route takes `cursor` and `limit`
 * (1-100, default 25) and answers `{ items, nextCursor }`. Each route is walked to its end one row
 * at a time and compared with the whole list read in one page; rows share their sort keys (same
 * instant, same name) so the id tie-break is exercised. Then each route gets a garbage cursor, a
 * cursor of another list and bad limits, and must answer them all alike.
 */

const NOW = '2026-09-01T12:00:00Z';
const SAME_INSTANT = new Date('2026-08-01T09:30:00.000Z');
/** An instant a JavaScript Date cannot hold (PostgreSQL keeps microseconds). */
const MICROS = '2026-08-01T09:30:00.123456Z';
const V1 = '/api/v1';

interface ListRoute {
  /** The OpenAPI operation: `GET /api/v1/...` with `{param}`s. */
  op: string;
  who: string;
  /** The URL (path parameters filled), with the route's other query parameters. */
  url: () => string;
  /**
   * Rows to leave out on both sides: a list that records its own reads (the access log) gains a
   * row per page read, newer than any row the walk started from.
   */
  ignore?: (item: any) => boolean;
}

describe('paging: one convention on every list route', () => {
  let t: TestApp;
  let A: Agency;
  let B: Agency;
  const actors: Record<string, Actor> = {};
  let open: CaseFile[];
  const firstCursor: Record<string, string> = {};

  const get = (who: string, url: string) => t.request('GET', url, { token: t.tokenFor(actors[who]) });
  const withQuery = (url: string, q: string) => `${url}${url.includes('?') ? '&' : '?'}${q}`;

  const ROUTES: ListRoute[] = [
    { op: 'GET /api/v1/cases', who: 'sup', url: () => `${V1}/cases` },
    { op: 'GET /api/v1/cases/{id}/referrals', who: 'sup', url: () => `${V1}/cases/${open[0].id}/referrals` },
    {
      op: 'GET /api/v1/cases/{id}/access-log',
      who: 'sup',
      url: () => `${V1}/cases/${open[0].id}/access-log`,
      ignore: (e) => e.action === 'case.accessLog.read',
    },
    {
      op: 'GET /api/v1/cases/{caseId}/follow-ups',
      who: 'sup',
      url: () => `${V1}/cases/${open[0].id}/follow-ups`,
    },
    { op: 'GET /api/v1/cases/{id}/consents', who: 'sup', url: () => `${V1}/cases/${open[0].id}/consents` },
    {
      op: 'GET /api/v1/cases/{id}/assessments',
      who: 'sup',
      url: () => `${V1}/cases/${open[0].id}/assessments`,
    },
    { op: 'GET /api/v1/cases/{id}/plans', who: 'sup', url: () => `${V1}/cases/${open[0].id}/plans` },
    {
      op: 'GET /api/v1/cases/{id}/phase-history',
      who: 'sup',
      url: () => `${V1}/cases/${open[0].id}/phase-history`,
    },
    { op: 'GET /api/v1/referrals/inbox', who: 'focal', url: () => `${V1}/referrals/inbox` },
    { op: 'GET /api/v1/referrals/outbox', who: 'sup', url: () => `${V1}/referrals/outbox` },
    { op: 'GET /api/v1/agreements', who: 'admin', url: () => `${V1}/agreements` },
    // The auditor's own searches are entries too: look at the supervisor's, which stay still.
    {
      op: 'GET /api/v1/audit/entries',
      who: 'auditor',
      url: () => `${V1}/audit/entries?actorUserId=${actors.sup.userId}`,
    },
    { op: 'GET /api/v1/directory/agencies', who: 'cw', url: () => `${V1}/directory/agencies?country=GT` },
    { op: 'GET /api/v1/admin/agencies', who: 'admin', url: () => `${V1}/admin/agencies` },
    { op: 'GET /api/v1/admin/users', who: 'admin', url: () => `${V1}/admin/users` },
    { op: 'GET /api/v1/user-grants', who: 'admin', url: () => `${V1}/user-grants` },
    { op: 'GET /api/v1/notifications', who: 'cw', url: () => `${V1}/notifications` },
    { op: 'GET /api/v1/follow-ups/mine', who: 'cw', url: () => `${V1}/follow-ups/mine` },
    ...['open-cases', 'overdue-follow-ups', 'referrals', 'closures'].map((m) => ({
      op: 'GET /api/v1/monitoring/{metric}/items',
      who: 'lead',
      url: () => `${V1}/monitoring/${m}/items?from=2026-01-01`,
    })),
  ];
  const label = (r: ListRoute) => r.url().replace(/[0-9a-f-]{36}/g, '{id}');

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(NOW);
    const ds = t.dataSource;
    A = await makeAgency(ds, { name: 'Centro de Recepción Igual' });
    B = await makeAgency(ds, {
      name: 'Centro de Recepción Igual',
      type: 'child_protection_authority',
      services: ['special_protection_measures'],
    });
    const L = await makeAgency(ds, { type: 'national_lead_unit' });
    for (let i = 0; i < 3; i++) await makeAgency(ds, { name: 'Centro de Recepción Igual' });
    const who: [string, Role, Agency][] = [
      ['cw', Role.Caseworker, A],
      ['sup', Role.Supervisor, A],
      ['focal', Role.ReferralFocalPoint, B],
      ['lead', Role.LeadUnitOfficer, L],
      ['auditor', Role.Auditor, L],
      ['admin', Role.Administrator, L],
    ];
    for (const [name, role, at] of who) actors[name] = await makeActor(ds, role, at);

    // Cases opened, closed and due at one same instant: only the id orders them.
    open = await makeCases(ds, 4, A, { assignedUserId: actors.cw.userId, openedAt: SAME_INSTANT });
    await makeCases(ds, 3, A, { status: 'closed', openedAt: SAME_INSTANT, closedAt: SAME_INSTANT });
    // Monitoring rows show no id: each differs in a field other than its sort key.
    for (const c of open.slice(0, 2))
      for (let i = 0; i < 3; i++)
        await makeFollowUp(ds, c, {
          dueAt: SAME_INSTANT,
          overdueSince: SAME_INSTANT,
          escalationLevel: i + 1,
        });
    for (let i = 0; i < 3; i++) {
      await makeReferral(ds, open[0], {
        recipientAgencyId: B.id,
        status: 'dispatched',
        dispatchedAt: SAME_INSTANT,
        responseDueAt: new Date(Date.UTC(2026, 7, 5 + i)),
      });
      await makeAgreement(ds, [A, B], { createdAt: SAME_INSTANT });
    }
    await ds.query(`UPDATE referral SET created_at = $1`, [SAME_INSTANT]);
    // A case's records: consents given at one instant; assessments and phase changes stamped by the
    // database at one instant with microseconds (a millisecond cursor would repeat them); plans.
    const c = open[0];
    for (let i = 0; i < 3; i++) {
      await ds.query(
        `INSERT INTO consent (case_id, given_by, child_assent, purposes, recipient_agency_ids, data_categories, given_at, recorded_by)
         VALUES ($1, 'guardian', true, '{protection}', $2, '{identification}', $3, $4)`,
        [c.id, [B.id], SAME_INSTANT, actors.cw.userId],
      );
      await ds.query(
        `INSERT INTO assessment (case_id, type, risk_rating, conducted_at, author_id, version)
         VALUES ($1, 'initial', 'medium', $2, $3, 1)`,
        [c.id, SAME_INSTANT, actors.cw.userId],
      );
      await ds.query(
        `INSERT INTO case_plan (case_id, plan_number, goals, author_id, version) VALUES ($1, $2, '[]', $3, 1)`,
        [c.id, i + 1, actors.cw.userId],
      );
      await ds.query(
        `INSERT INTO case_phase_change (case_id, from_phase, to_phase, reason, changed_by, changed_at, recorded_at)
         VALUES ($1, 'registration', 'assessment', 'test', $2, $3, $4)`,
        [c.id, actors.sup.userId, SAME_INSTANT, MICROS],
      );
    }
    await ds.query(`UPDATE assessment SET created_at = $1 WHERE case_id = $2`, [MICROS, c.id]);
    const notifications = t.app.get(NotificationsService);
    for (let i = 0; i < 3; i++)
      await notifications.notify(
        ds.manager,
        [actors.cw.userId],
        { type: 'test', caseId: open[0].id },
        SAME_INSTANT,
      );
    // Pending grants: new caseworkers wait for a second administrator.
    for (let i = 0; i < 3; i++) {
      const res = await t.request('POST', `${V1}/admin/users`, {
        token: t.tokenFor(actors.admin),
        body: {
          agencyId: A.id,
          role: 'caseworker',
          email: `nueva.${i}@example.org`,
          fullName: 'Persona Nueva',
        },
      });
      expect(res.status).toBe(201);
    }
    // The supervisor's reads: the case's access log and the supervisor's audit entries.
    for (let i = 0; i < 3; i++) expect((await get('sup', `${V1}/cases/${open[0].id}`)).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('covers every operation that declares a cursor, and each declares limit 1-100 (default 25)', async () => {
    const doc = (await t.request('GET', '/docs/json')).body;
    const paged: string[] = [];
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      const params: any[] = item.get?.parameters ?? [];
      const cursor = params.find((p) => p.name === 'cursor' && p.in === 'query');
      if (!cursor) continue;
      paged.push(`GET ${path}`);
      const limit = params.find((p) => p.name === 'limit' && p.in === 'query');
      expect([path, limit?.schema]).toEqual([
        path,
        expect.objectContaining({ minimum: 1, maximum: 100, default: 25 }),
      ]);
      expect(params.some((p) => p.name === 'after' || p.name === 'next')).toBe(false);
    }
    expect(paged.sort()).toEqual([...new Set(ROUTES.map((r) => r.op))].sort());
  });

  it('walks each list to its end one row at a time: no repeat, no gap, same order as one page', async () => {
    const problems: string[] = [];
    for (const r of ROUTES) {
      const keep = (items: any[]) => items.filter((i) => !r.ignore?.(i));
      const walked: any[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await get(r.who, withQuery(r.url(), `limit=1${cursor ? `&cursor=${cursor}` : ''}`));
        if (res.status !== 200) {
          problems.push(`${label(r)}: ${res.status} ${JSON.stringify(res.body)}`);
          break;
        }
        expect(Object.keys(res.body)).toEqual(expect.arrayContaining(['items', 'nextCursor']));
        expect(res.body.items.length).toBeLessThanOrEqual(1);
        walked.push(...res.body.items);
        if (pages === 0 && res.body.nextCursor) firstCursor[label(r)] = res.body.nextCursor;
        cursor = res.body.nextCursor;
      } while (cursor && ++pages < 200);
      const whole = await get(r.who, withQuery(r.url(), 'limit=100'));
      expect(whole.body.nextCursor).toBeNull();
      const key = (i: any) => JSON.stringify(i.id ?? i);
      const a = keep(walked).map(key);
      const b = keep(whole.body.items).map(key);
      if (new Set(a).size !== a.length) problems.push(`${label(r)}: a row repeats`);
      if (JSON.stringify(a) !== JSON.stringify(b))
        problems.push(`${label(r)}: walked ${a.length} rows, one page has ${b.length}, or in another order`);
      // At least two rows, so that the walk followed a cursor.
      if (b.length < 2) problems.push(`${label(r)}: only ${b.length} rows to page through`);
    }
    expect(problems).toEqual([]);
  });

  it('answers a default page of 25 when no limit is given', async () => {
    for (let i = 0; i < 30; i++)
      await t.app
        .get(NotificationsService)
        .notify(t.dataSource.manager, [actors.cw.userId], { type: 'more' });
    const res = await get('cw', `${V1}/notifications`);
    expect([res.body.items.length, typeof res.body.nextCursor]).toEqual([25, 'string']);
  });

  it('gives every bad cursor, on every list, the same 400 with a detail on `cursor`', async () => {
    const labels = Object.keys(firstCursor);
    expect(labels.length).toBe(ROUTES.length);
    const answers = new Set<string>();
    const problems: string[] = [];
    for (const r of ROUTES) {
      const own = label(r);
      const foreign = firstCursor[labels[(labels.indexOf(own) + 1) % labels.length]];
      const tampered = firstCursor[own].slice(0, -4) + (firstCursor[own].endsWith('AAAA') ? 'BBBB' : 'AAAA');
      for (const [what, cursor] of [
        ['garbage', 'garbage'],
        ['another list', foreign],
        ['tampered', tampered],
        ['two of them', `${firstCursor[own]}&cursor=${firstCursor[own]}`],
      ]) {
        const res = await t.request('GET', withQuery(r.url(), `cursor=${cursor}`), {
          token: t.tokenFor(actors[r.who]),
          headers: { 'accept-language': 'en' },
        });
        if (
          res.status !== 400 ||
          !String(res.headers['content-type']).startsWith('application/problem+json')
        ) {
          problems.push(`${own}, ${what} cursor: ${res.status} ${JSON.stringify(res.body)}`);
          continue;
        }
        answers.add(JSON.stringify({ code: res.body.code, errors: res.body.errors }));
      }
    }
    expect(problems).toEqual([]);
    expect([...answers].map((a) => JSON.parse(a))).toEqual([
      {
        code: 'VALIDATION_FAILED',
        errors: [
          {
            field: 'cursor',
            code: 'invalidCursor',
            message:
              'Invalid cursor: send the nextCursor of the previous page of this same list, or none for the first page.',
          },
        ],
      },
    ]);
  });

  it('answers limit 0, 101 and "abc" alike on every list, naming `limit`', async () => {
    const problems: string[] = [];
    for (const r of ROUTES)
      for (const [limit, code] of [
        ['0', 'min'],
        ['101', 'max'],
        ['abc', 'isInt'],
        ['2.5', 'isInt'],
      ]) {
        const res = await get(r.who, withQuery(r.url(), `limit=${limit}`));
        const got = {
          status: res.status,
          code: res.body?.code,
          errors: res.body?.errors?.map((e: any) => [e.field, e.code]),
        };
        const want = { status: 400, code: 'VALIDATION_FAILED', errors: [['limit', code]] };
        if (JSON.stringify(got) !== JSON.stringify(want))
          problems.push(`${label(r)} limit=${limit}: ${JSON.stringify(got)}`);
      }
    expect(problems).toEqual([]);
  });
});
