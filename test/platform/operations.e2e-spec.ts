import { randomUUID } from 'node:crypto';
import type { Actor } from '../../src/common/actor';
import { Role } from '../../src/common/role';
import { QueueName } from '../../src/queues/job-catalog';
import { eventually } from '../harness/queues';
import { createTestApp, TestApp } from '../harness/test-app';
import { startWorker } from '../harness/worker-process';

// Child processes and database clones are slow on a busy machine; jest.config's per-project
// testTimeout is not applied (it is a global option), so set it here.
jest.setTimeout(60_000);

// Tokens only: these routes read no user record, so no directory rows are needed.
const actor = (role: Role): Actor => ({
  userId: randomUUID(),
  role,
  agencyId: randomUUID(),
  countryCode: 'GT',
  language: 'es',
});

describe('operations routes and queue dashboard', () => {
  let t: TestApp;
  let admin: string;
  let caseworker: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = t.tokenFor(actor(Role.Administrator));
    caseworker = t.tokenFor(actor(Role.Caseworker));
  });
  afterAll(() => t.close());

  const deniedAudits = async () =>
    Number(
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM audit_entry WHERE outcome = 'denied' AND subject_type = 'Operations'`,
        )
      )[0].n,
    );

  describe('POST /api/v1/system/ping and GET /api/v1/system/jobs/:queue/:id', () => {
    it('round-trips a ping through the real worker for an administrator', async () => {
      const worker = await startWorker(t.env);
      try {
        const res = await t.request('POST', '/api/v1/system/ping', { token: admin, body: {} });
        expect(res.status).toBe(202);
        expect(res.body).toMatchObject({ queue: 'system', jobId: expect.stringMatching(/^system\.ping\./) });
        const job = await eventually(
          () => t.request('GET', `/api/v1/system/jobs/system/${res.body.jobId}`, { token: admin }),
          (r) => r.body.state === 'completed',
        );
        expect(job.body).toMatchObject({
          name: 'system.ping',
          returnValue: { sentAt: expect.any(String), processedAt: expect.any(String) },
          failedReason: null,
        });
      } finally {
        await worker.stop();
      }
    });

    it('refuses a caller without a token (401) and a non-administrator (403, audited)', async () => {
      expect((await t.request('POST', '/api/v1/system/ping', { body: {} })).status).toBe(401);
      expect((await t.request('GET', '/api/v1/system/jobs/system/x1')).status).toBe(401);
      const before = await deniedAudits();
      const ping = await t.request('POST', '/api/v1/system/ping', { token: caseworker, body: {} });
      expect(ping.status).toBe(403);
      expect(ping.body.code).toBe('FORBIDDEN');
      const job = await t.request('GET', '/api/v1/system/jobs/system/x1', { token: caseworker });
      expect(job.status).toBe(403);
      expect(await deniedAudits()).toBe(before + 2);
    });

    it('rejects unknown fields, unknown queues and malformed ids; 404 for a missing job', async () => {
      const extra = await t.request('POST', '/api/v1/system/ping', { token: admin, body: { holdMs: 5000 } });
      expect(extra.status).toBe(400);
      expect(extra.body.errors).toEqual([
        expect.objectContaining({ field: 'holdMs', code: 'whitelistValidation' }),
      ]);
      const queue = await t.request('GET', '/api/v1/system/jobs/nope/x1', { token: admin });
      expect(queue.status).toBe(400);
      expect(queue.body.errors[0]).toMatchObject({ field: 'queue', code: 'isIn' });
      const id = await t.request('GET', '/api/v1/system/jobs/system/bad%3Aid', { token: admin });
      expect(id.status).toBe(400);
      const missing = await t.request('GET', '/api/v1/system/jobs/system/none.such', {
        token: admin,
        headers: { 'accept-language': 'en' },
      });
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ code: 'OPERATIONS_JOB_NOT_FOUND', title: 'Job not found' });
    });
  });

  it('describes its routes in the OpenAPI document, not the dashboard', async () => {
    const doc = await t.request('GET', '/docs/json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/system/ping',
        '/api/v1/system/jobs/{queue}/{id}',
        '/api/v1/operations/queue-dashboard/session',
      ]),
    );
    expect(Object.keys(doc.body.paths).filter((p) => p.startsWith('/admin'))).toEqual([]);
  });

  describe('queue dashboard at /admin/queues', () => {
    it('answers 401 problem+json without credentials', async () => {
      const res = await t.request('GET', '/admin/queues');
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', instance: '/admin/queues' });
      expect((await t.request('GET', '/admin/queues/api/queues')).status).toBe(401);
    });

    it('answers 403 to a caseworker, and audits the denial', async () => {
      const before = await deniedAudits();
      const res = await t.request('GET', '/admin/queues', { token: caseworker });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect(await deniedAudits()).toBe(before + 1);
    });

    it('serves the dashboard to an administrator bearer token, with every queue', async () => {
      const page = await t.request('GET', '/admin/queues', { token: admin });
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      const api = await t.request('GET', '/admin/queues/api/queues', { token: admin });
      expect(api.status).toBe(200);
      expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(
        Object.values(QueueName).sort(),
      );
    });

    it('opens a browser session through an HttpOnly cookie scoped to the dashboard', async () => {
      expect(
        (await t.request('POST', '/api/v1/operations/queue-dashboard/session', { token: caseworker })).status,
      ).toBe(403);
      expect((await t.request('POST', '/api/v1/operations/queue-dashboard/session')).status).toBe(401);

      const res = await t.request('POST', '/api/v1/operations/queue-dashboard/session', { token: admin });
      expect(res.status).toBe(201);
      expect(res.body.path).toBe('/admin/queues');
      const setCookie = String(res.headers['set-cookie']);
      expect(setCookie).toMatch(/^enlace_queue_dashboard=[\w-]+\.[\w-]+\.[\w-]+;/);
      expect(setCookie).toContain('Path=/admin/queues');
      expect(setCookie).toContain('HttpOnly');
      expect(setCookie).toContain('SameSite=Strict');
      expect(setCookie).toMatch(/Max-Age=600/);
      const cookie = setCookie.split(';')[0];

      const page = await t.request('GET', '/admin/queues', { headers: { cookie } });
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect((await t.request('GET', '/admin/queues/api/queues', { headers: { cookie } })).status).toBe(200);
    });

    it('does not take an access token, or a tampered token, as the dashboard cookie', async () => {
      const asCookie = await t.request('GET', '/admin/queues', {
        headers: { cookie: `enlace_queue_dashboard=${admin}` },
      });
      expect(asCookie.status).toBe(401);
      const res = await t.request('POST', '/api/v1/operations/queue-dashboard/session', { token: admin });
      const token = String(res.headers['set-cookie']).split(';')[0].split('=')[1];
      const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
      const bad = await t.request('GET', '/admin/queues', {
        headers: { cookie: `enlace_queue_dashboard=${tampered}` },
      });
      expect(bad.status).toBe(401);
    });
  });
});
