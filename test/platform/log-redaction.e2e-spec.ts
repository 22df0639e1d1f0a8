import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Role } from '../../src/common/role';
import { registrationBody } from '../factories/case.factory';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { createTestApp, TestApp } from '../harness/test-app';
import { startWorker, WorkerProcess } from '../harness/worker-process';

const API = join(__dirname, '..', '..', 'dist', 'src', 'main.js');

// Unusual strings, so a hit in the log can only be this test's data.
const PLANTED = {
  firstNames: 'Zuleyka Plantada',
  lastNames: 'Quetzalcoatl Xoyatla',
  familyName: 'Wenceslaa Ixchel',
  familyPhone: '+50299887766',
  familyAddress: 'Calle Oculta 4471',
  document: 'DOC-PLANT-93817',
  disability: 'hipoacusia-plantada',
  genderIdentity: 'identidad-plantada',
  ethnicIdentity: 'etnia-plantada',
  invalidName: 'Nombre Rechazado Plantado',
  searchName: 'Busqueda Plantada',
};

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

/** The built API and worker at trace level: their whole output is what an operator's log would hold. */
describe('logs hold no case content, at any level', () => {
  let t: TestApp;
  let worker: WorkerProcess;
  let api: ChildProcess;
  let apiOut = '';
  let port: number;

  beforeAll(async () => {
    t = await createTestApp();
    port = await freePort();
    const env = { ...t.env, LOG_LEVEL: 'trace', PORT: String(port) };
    worker = await startWorker(env);
    api = spawn(process.execPath, [API], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    api.stdout!.on('data', (d) => (apiOut += d));
    api.stderr!.on('data', (d) => (apiOut += d));
    for (let i = 0; i < 60; i++) {
      const ok = await fetch(`http://127.0.0.1:${port}/health/live`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`API did not start:\n${apiOut}`);
  });

  afterAll(async () => {
    if (api && api.exitCode === null) {
      const exited = new Promise((r) => api.once('exit', r));
      api.kill('SIGTERM');
      await exited;
    }
    await worker?.stop();
    await t.close();
  });

  it('a full registration, a read, a search and a refused registration log none of the planted strings', async () => {
    const center = await makeAgency(t.dataSource);
    const cw = await makeActor(t.dataSource, Role.Caseworker, center);
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${t.tokenFor(cw)}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

    const body = registrationBody(
      center.id,
      {},
      {
        firstNames: PLANTED.firstNames,
        lastNames: PLANTED.lastNames,
        genderIdentity: PLANTED.genderIdentity,
        ethnicIdentity: PLANTED.ethnicIdentity,
        disability: PLANTED.disability,
        documents: [{ type: 'passport', number: PLANTED.document, country: 'GT' }],
        familyContacts: [
          {
            name: PLANTED.familyName,
            relationship: 'aunt',
            phone: PLANTED.familyPhone,
            address: PLANTED.familyAddress,
          },
        ],
      },
    );
    const created = await call('POST', '/api/v1/cases', body);
    expect(created.status).toBe(201);
    const read = await call('GET', `/api/v1/cases/${created.body.case.id}`);
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.body)).toContain(PLANTED.familyName);
    const search = await call(
      'GET',
      `/api/v1/children/matches?firstNames=${encodeURIComponent(PLANTED.searchName)}&lastNames=x`,
    );
    expect(search.status).toBe(200);
    const refused = await call('POST', '/api/v1/cases', {
      ...body,
      child: { ...(body.child as object), firstNames: PLANTED.invalidName, familyContacts: [{ name: 7 }] },
    });
    expect(refused.status).toBe(400);
    // Let the worker take the registration's events from the outbox.
    await new Promise((r) => setTimeout(r, 1500));

    const log = `${apiOut}\n${worker.output()}`;
    expect(log).toContain('"url":"/api/v1/cases"'); // the requests were logged
    for (const [what, value] of Object.entries(PLANTED)) {
      expect({ what, found: log.includes(value) }).toEqual({ what, found: false });
    }
  });
  it('logs API requests but not health probes or metric scrapes', async () => {
    const mark = apiOut.length;
    for (const path of ['/health/live', '/health/ready', '/metrics', '/api/v1/auth/me'])
      await fetch(`http://127.0.0.1:${port}${path}`).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 300));
    const urls = apiOut
      .slice(mark)
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { req?: { url?: string } })
      .flatMap((l) => (l.req?.url ? [l.req.url] : []));
    expect(urls).toContain('/api/v1/auth/me');
    expect(urls.filter((u) => /^\/(health|metrics)/.test(u))).toEqual([]);
  });
});
