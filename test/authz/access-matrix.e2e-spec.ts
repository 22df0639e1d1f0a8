import type { FieldClass } from '../../src/authz/field-access';
import { createTestApp, TestApp } from '../harness/test-app';
import { AccessFixture, randomAddress } from './access-fixture';
import { ACCESS_MATRIX, ACTORS, ActorName, Expectation, expectationOf, MatrixRow } from './access-matrix';
import { Call, defaultBuild, REQUESTS } from './access-requests';
import { openApiOperations } from './openapi-operations';

/**
 * Walks the declared access matrix (access-matrix.ts): every operation of /docs/json × every
 * actor, against one case filled with planted values. Each call must answer the declared status,
 * and its body (JSON or CSV) must hold no planted value of a class the actor is not entitled to
 * there (a refusal: none at all).
 */

interface Response {
  status: number;
  type: string;
  text: string;
}

/** Checks particular to one operation, beyond status and planted values. */
const EXTRA: Record<string, (e: Expectation, res: Response) => string[]> = {
  // A candidate the caller may not read shows a banded similarity, never an invertible score.
  'GET /api/v1/children/matches': (e, res) =>
    e.status === '2xx' && !e.classes.includes('identifying') && /"score":\s*-?\d/.test(res.text)
      ? ['a numeric match score for a record outside the caller’s scope']
      : [],
};

describe('access matrix: every operation × every actor, with planted values', () => {
  let t: TestApp;
  let fx: AccessFixture;
  let operations: string[];

  beforeAll(async () => {
    t = await createTestApp();
    fx = await new AccessFixture(t).build();
    operations = openApiOperations((await t.request('GET', '/docs/json')).body);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('has exactly one row per operation of /docs/json', () => {
    const rows = ACCESS_MATRIX.map((r) => r.op);
    expect({
      withoutRow: operations.filter((o) => !rows.includes(o)),
      withoutOperation: rows.filter((r) => !operations.includes(r)),
      repeated: rows.filter((r, i) => rows.indexOf(r) !== i),
    }).toEqual({ withoutRow: [], withoutOperation: [], repeated: [] });
  });

  async function send(actor: ActorName, method: string, call: Call): Promise<Response> {
    const token = fx.tokenOf(actor);
    const res = await fx.limit(() =>
      t.app.inject({
        method: method as never,
        url: call.url,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        payload: call.body as never,
        remoteAddress: randomAddress(),
      }),
    );
    return { status: res.statusCode, type: String(res.headers['content-type'] ?? ''), text: res.body };
  }

  function verdict(row: MatrixRow, actor: ActorName, res: Response): string[] {
    const e = expectationOf(row, actor);
    const out: string[] = [];
    const ok = res.status >= 200 && res.status < 300;
    if (e.status === '2xx' ? !ok : res.status !== e.status)
      out.push(`status ${res.status}, declared ${e.status}: ${res.text.slice(0, 400)}`);
    if (res.status >= 400 && !res.type.startsWith('application/problem+json'))
      out.push(`error as ${res.type || 'no content type'}`);
    const allowed: FieldClass[] = e.status === '2xx' && ok ? e.classes : [];
    for (const p of fx.planted)
      if (!allowed.includes(p.cls) && res.text.includes(p.token)) out.push(`received ${p.cls} ${p.where}`);
    return [...out, ...(EXTRA[row.op]?.(e, res) ?? [])].map((m) => `${actor}: ${m}`);
  }

  async function run(row: MatrixRow, actor: ActorName, method: string, calls: Call | Call[]) {
    const list = Array.isArray(calls) ? calls : [calls];
    const results = await Promise.all(list.map((c) => send(actor, method, c)));
    return results.flatMap((res, i) =>
      verdict(row, actor, res).map((m) => (list.length > 1 ? `${list[i].url} ${m}` : m)),
    );
  }

  it.each(ACCESS_MATRIX.map((r) => [r.op, r] as const))('%s', async (op, row) => {
    const method = op.split(' ')[0];
    const build = REQUESTS[op] ?? defaultBuild(op);
    let failures: string[];
    if (method === 'GET') {
      failures = (await Promise.all(ACTORS.map(async (a) => run(row, a, method, await build(fx, a))))).flat();
    } else {
      // Writes: the refused share one fresh target; each entitled actor gets its own.
      const entitled = ACTORS.filter((a) => expectationOf(row, a).status === '2xx');
      const refused = ACTORS.filter((a) => !entitled.includes(a));
      const shared = refused.length ? await build(fx, refused[0]) : [];
      const denials = Promise.all(refused.map((a) => run(row, a, method, shared)));
      const grants = Promise.all(entitled.map(async (a) => run(row, a, method, await build(fx, a))));
      failures = [...(await denials), ...(await grants)].flat();
    }
    expect(failures).toEqual([]);
  });

  // Last: today a link succeeds and would give these callers a case of C's child for later rows.
  it('a registration linked to C’s child shows the caller nothing of C it may not read', async () => {
    const { childId } = await fx.as('supervisor', 'GET', `/api/v1/cases/${fx.caseId}`);
    const outsiders: ActorName[] = [
      'caseworkerUnassigned',
      'caseworkerOtherAgency',
      'supervisorOtherAgency',
      'caseworkerOtherCountry',
      'supervisorOtherCountry',
    ];
    const failures = await Promise.all(
      outsiders.map(async (a) => {
        const call = (await REQUESTS['POST /api/v1/cases'](fx, a)) as Call;
        const body = { ...(call.body as object), duplicateCheck: { decision: 'link', childId } };
        const res = await send(a, 'POST', { url: call.url, body });
        const leaked = fx.planted.filter((p) => p.cls !== 'operational' && res.text.includes(p.token));
        return [
          ...(res.status >= 500 ? [`${a}: status ${res.status}`] : []),
          ...leaked.map((p) => `${a}: status ${res.status}, received ${p.cls} ${p.where}`),
        ];
      }),
    );
    expect(failures.flat()).toEqual([]);
  });
});
