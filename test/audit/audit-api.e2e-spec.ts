import { randomUUID } from 'node:crypto';
import type { Actor } from '../../src/common/actor';
import { Role, ROLES } from '../../src/common/role';
import { AuditService } from '../../src/audit-trail/audit.service';
import { AuditQueryService } from '../../src/audit/audit-query.service';
import { asTamperer, auditRows, runVerifyCommand, sealAudit } from '../factories/audit.factory';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { createTestApp, TestApp } from '../harness/test-app';

const ENTRIES = '/api/v1/audit/entries';
const VERIFY = '/api/v1/audit/verify';

describe('audit API', () => {
  let t: TestApp;
  let audit: AuditService;
  const actors = {} as Record<Role, Actor>;
  let auditor: Actor;
  let foreignCaseworker: Actor;
  const caseA = randomUUID();
  const caseB = randomUUID();

  beforeAll(async () => {
    t = await createTestApp();
    audit = t.app.get(AuditService);
    const gt = await makeAgency(t.dataSource, { countryCode: 'GT' });
    const hn = await makeAgency(t.dataSource, { countryCode: 'HN' });
    for (const role of ROLES) actors[role] = await makeActor(t.dataSource, role, gt);
    auditor = actors[Role.Auditor];
    foreignCaseworker = await makeActor(t.dataSource, Role.Caseworker, hn);

    // A small history, one minute apart, from 2026-03-01T10:00Z.
    const at = (min: number) => t.clock.set(new Date(Date.UTC(2026, 2, 1, 10, min)));
    const cw = actors[Role.Caseworker];
    const history: [number, Parameters<AuditService['recordAlone']>[0]][] = [
      [
        0,
        {
          actor: cw,
          action: 'case.create',
          subjectType: 'Case',
          subjectId: caseA,
          caseId: caseA,
          fields: ['operational', 'identifying'],
        },
      ],
      [
        1,
        {
          actor: cw,
          action: 'case.read',
          subjectType: 'Case',
          subjectId: caseA,
          caseId: caseA,
          fields: ['operational'],
          purpose: 'follow-up',
        },
      ],
      [
        2,
        {
          actor: foreignCaseworker,
          action: 'case.read',
          subjectType: 'Case',
          subjectId: caseA,
          caseId: caseA,
          fields: ['operational'],
        },
      ],
      [
        3,
        {
          actor: actors[Role.Supervisor],
          action: 'case.update',
          subjectType: 'Case',
          subjectId: caseB,
          caseId: caseB,
          fields: ['riskLevel'],
        },
      ],
      [4, { actor: null, userId: cw.userId, action: 'auth.login.failed', outcome: 'failed' }],
      [
        5,
        {
          actor: actors[Role.LeadUnitOfficer],
          action: 'case.read',
          subjectType: 'Case',
          subjectId: caseB,
          caseId: caseB,
          outcome: 'denied',
        },
      ],
      [
        6,
        {
          actor: cw,
          action: 'case.read',
          subjectType: 'Case',
          subjectId: caseB,
          caseId: caseB,
          fields: ['operational', 'sensitive'],
        },
      ],
    ];
    for (const [min, input] of history) {
      at(min);
      await audit.recordAlone(input);
    }
    await sealAudit(t.env.DATABASE_URL); // as the worker's sequencer does
    t.clock.set(new Date(Date.UTC(2026, 2, 2)));
  });
  afterAll(() => t?.close());

  const get = (url: string, actor?: Actor) =>
    t.request('GET', url, { token: actor ? t.tokenFor(actor) : undefined });

  describe('who may call it', () => {
    it('refuses anonymous callers', async () => {
      expect((await get(ENTRIES)).status).toBe(401);
      expect((await get(VERIFY)).status).toBe(401);
    });

    it.each(ROLES.filter((r) => r !== Role.Auditor))(
      'refuses %s on every route and audits each denial',
      async (role) => {
        const actor = actors[role];
        for (const [url, action] of [
          [ENTRIES, 'auditEntry.list'],
          [VERIFY, 'auditChain.verify'],
        ]) {
          const res = await get(url, actor);
          expect(res.status).toBe(403);
          expect(res.body.code).toBe('FORBIDDEN');
          const denial = await auditRows(
            t.dataSource,
            'actor_user_id = $1 AND action = $2 AND request_id = $3',
            [actor.userId, action, res.headers['x-request-id']],
          );
          expect(denial).toHaveLength(1);
          expect(denial[0]).toMatchObject({ outcome: 'denied', actor_role: role, actor_country_code: 'GT' });
        }
      },
    );

    it('describes both routes in the OpenAPI document', async () => {
      const doc = (await t.request('GET', '/docs/json')).body;
      const entries = doc.paths[ENTRIES].get;
      expect(entries.tags).toEqual(['audit']);
      const query = entries.parameters.filter((p: { in?: string }) => p.in === 'query');
      expect(query.map((p: { name: string }) => p.name).sort()).toEqual(
        [
          'action',
          'actorUserId',
          'caseId',
          'cursor',
          'from',
          'limit',
          'outcome',
          'subjectId',
          'subjectType',
          'to',
        ].sort(),
      );
      expect(doc.paths[VERIFY].get.responses['200']).toBeDefined();
    });

    it('lets the auditor call both routes', async () => {
      expect((await get(ENTRIES, auditor)).status).toBe(200);
      expect((await get(VERIFY, auditor)).status).toBe(200);
    });
  });

  describe('searching', () => {
    it('returns only entries of staff of the auditor’s country and entries without an actor, newest first', async () => {
      const res = await get(`${ENTRIES}?limit=100`, auditor);
      const items = res.body.items as { id: string; actorCountryCode: string | null; actorUserId: string }[];
      expect(items.length).toBeGreaterThan(5);
      expect(items.every((e) => e.actorCountryCode === 'GT' || e.actorCountryCode === null)).toBe(true);
      expect(items.some((e) => e.actorUserId === foreignCaseworker.userId)).toBe(false);
      expect(items.some((e) => e.actorCountryCode === null)).toBe(true);
      // Newest first by insertion id: entries not yet sealed have no seq.
      const ids = items.map((e) => Number(e.id));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      // An auditor of Honduras sees the Honduran read that Guatemala's auditor does not.
      const hnAuditor = await makeActor(
        t.dataSource,
        Role.Auditor,
        await makeAgency(t.dataSource, { countryCode: 'HN' }),
      );
      const hn = await get(`${ENTRIES}?caseId=${caseA}`, hnAuditor);
      expect(hn.body.items.map((e: any) => e.actorUserId)).toEqual([foreignCaseworker.userId]);
    });

    it('filters by case, subject, actor, action, outcome and period', async () => {
      const cw = actors[Role.Caseworker];
      const q = async (query: string) =>
        ((await get(`${ENTRIES}?${query}`, auditor)).body.items as any[]).map(
          (e) => `${e.action}@${e.occurredAt}`,
        );
      expect(await q(`caseId=${caseA}`)).toEqual([
        'case.read@2026-03-01T10:01:00.000Z',
        'case.create@2026-03-01T10:00:00.000Z',
      ]);
      expect(await q(`subjectType=Case&subjectId=${caseB}&action=case.read`)).toEqual([
        'case.read@2026-03-01T10:06:00.000Z',
        'case.read@2026-03-01T10:05:00.000Z',
      ]);
      expect(await q(`actorUserId=${cw.userId}&from=2026-03-01T10:01:00Z&to=2026-03-01T10:06:00Z`)).toEqual([
        'auth.login.failed@2026-03-01T10:04:00.000Z',
        'case.read@2026-03-01T10:01:00.000Z',
      ]);
      expect(await q(`outcome=denied&caseId=${caseB}`)).toEqual(['case.read@2026-03-01T10:05:00.000Z']);
      expect(await q(`outcome=failed&to=2026-03-01T10:04:00Z`)).toEqual([]);
    });

    it('pages with a keyset cursor without skipping or repeating entries', async () => {
      const all = (await get(`${ENTRIES}?limit=100&to=2026-03-01T11:00:00Z`, auditor)).body.items.map(
        (e: any) => e.id,
      );
      const walked: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await get(
          `${ENTRIES}?limit=2&to=2026-03-01T11:00:00Z${cursor ? `&cursor=${cursor}` : ''}`,
          auditor,
        );
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        walked.push(...res.body.items.map((e: any) => e.id));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor);
      expect(walked).toEqual(all);
      expect(pages).toBe(Math.ceil(all.length / 2));
    });

    it('records every search as auditEntry.list (the name its denial has), naming the filters but not their values', async () => {
      const res = await get(`${ENTRIES}?caseId=${caseB}&outcome=allowed`, auditor);
      const [read] = await auditRows(t.dataSource, 'request_id = $1', [res.headers['x-request-id']]);
      expect(read).toMatchObject({
        action: 'auditEntry.list',
        outcome: 'allowed',
        actor_user_id: auditor.userId,
        subject_type: 'AuditEntry',
        case_id: null,
      });
      expect(read.fields.sort()).toEqual(['caseId', 'outcome']);
      const verify = await get(VERIFY, auditor);
      const [v] = await auditRows(t.dataSource, 'request_id = $1', [verify.headers['x-request-id']]);
      expect(v).toMatchObject({ action: 'auditChain.verify', subject_type: 'AuditChain' });
    });

    it('answers bad queries with field-level problems', async () => {
      const bad = async (query: string) => (await get(`${ENTRIES}?${query}`, auditor)).body;
      expect((await bad('limit=201')).errors[0]).toMatchObject({ field: 'limit', code: 'max' });
      expect((await bad('limit=0')).errors[0]).toMatchObject({ field: 'limit', code: 'min' });
      expect((await bad('caseId=abc')).errors[0]).toMatchObject({ field: 'caseId', code: 'isUuid' });
      expect((await bad('cursor=-1')).errors[0]).toMatchObject({ field: 'cursor' });
      expect((await bad('outcome=maybe')).errors[0]).toMatchObject({ field: 'outcome', code: 'isIn' });
      expect((await bad('from=yesterday')).errors[0]).toMatchObject({ field: 'from', code: 'isIso8601' });
      expect((await bad('from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z')).errors[0]).toMatchObject({
        field: 'to',
        code: 'afterFrom',
      });
      expect((await bad('childName=x')).errors[0]).toMatchObject({
        field: 'childName',
        code: 'whitelistValidation',
      });
    });
  });

  describe('access log of a case (for the cases module)', () => {
    it('lists who read or changed the case, across countries, newest first, with paging', async () => {
      const log = t.app.get(AuditQueryService);
      const first = await log.accessLogForCase(caseA, { limit: 2 });
      expect(first.items.map((e) => [e.actorUserId, e.action, e.actorRole])).toEqual([
        [foreignCaseworker.userId, 'case.read', 'caseworker'],
        [actors[Role.Caseworker].userId, 'case.read', 'caseworker'],
      ]);
      expect(first.items[1]).toMatchObject({ fields: ['operational'], purpose: 'follow-up' });
      expect(first.items[0].actorAgencyId).toBe(foreignCaseworker.agencyId);
      const rest = await log.accessLogForCase(caseA, { cursor: first.nextCursor!, limit: 2 });
      expect(rest.items.map((e) => e.action)).toContain('case.create');
    });
  });

  describe('verifying the chain', () => {
    const url = () => t.env.DATABASE_URL;

    it('reports an intact chain, from the API and the command', async () => {
      await sealAudit(url());
      const res = await get(VERIFY, auditor);
      expect(res.body).toMatchObject({ ok: true });
      const count = Number((await t.dataSource.query('SELECT count(*) AS n FROM audit_entry'))[0].n);
      expect(res.body.checked).toBe(count - 1); // its own auditChain.verify comes after
      expect(res.body.unsealed).toBe(0);
      await sealAudit(url());
      const cli = await runVerifyCommand(url(), 3);
      expect(cli.code).toBe(0);
      expect(cli.out).toContain(`audit chain OK: ${count} entries`);
    });

    it('finds an edited row, then the chain is whole again once it is restored', async () => {
      await asTamperer(url(), `UPDATE audit_entry SET fields = '{sensitive}' WHERE seq = 3`);
      const res = await get(VERIFY, auditor);
      expect(res.body).toMatchObject({ ok: false, checked: 2, firstBrokenSeq: '3', reason: 'hash mismatch' });
      const cli = await runVerifyCommand(url(), 2);
      expect(cli.code).toBe(1);
      expect(cli.out).toContain('first broken link at seq 3: hash mismatch');
      await asTamperer(url(), `UPDATE audit_entry SET fields = '{operational}' WHERE seq = 3`);
      expect((await get(VERIFY, auditor)).body.ok).toBe(true);
    });

    it('finds a deleted row as a gap', async () => {
      await asTamperer(
        url(),
        `CREATE TABLE saved_entry AS SELECT * FROM audit_entry WHERE seq = 4`,
        `DELETE FROM audit_entry WHERE seq = 4`,
      );
      expect((await get(VERIFY, auditor)).body).toMatchObject({
        ok: false,
        firstBrokenSeq: '5',
        reason: 'gap',
      });
      const cli = await runVerifyCommand(url());
      expect(cli.code).toBe(1);
      expect(cli.out).toContain('first broken link at seq 5: gap');
      await asTamperer(url(), `INSERT INTO audit_entry SELECT * FROM saved_entry`, `DROP TABLE saved_entry`);
      expect((await get(VERIFY, auditor)).body.ok).toBe(true);
    });

    it('finds a rewritten prev_hash', async () => {
      const [row] = await auditRows(t.dataSource, 'seq = 6');
      const original = (row as any).prev_hash as string;
      await asTamperer(url(), `UPDATE audit_entry SET prev_hash = '${'0'.repeat(64)}' WHERE seq = 6`);
      expect((await get(VERIFY, auditor)).body).toMatchObject({
        ok: false,
        firstBrokenSeq: '6',
        reason: 'prev_hash mismatch',
      });
      const cli = await runVerifyCommand(url());
      expect(cli.out).toContain('first broken link at seq 6: prev_hash mismatch');
      await asTamperer(url(), `UPDATE audit_entry SET prev_hash = '${original}' WHERE seq = 6`);
      const ok = await runVerifyCommand(url());
      expect(ok.code).toBe(0);
    });
  });
});
