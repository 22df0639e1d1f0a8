import { AccessFixture, randomAddress } from '../authz/access-fixture';
import { ACCESS_MATRIX, ACTORS, ActorName, expectationOf } from '../authz/access-matrix';
import { Call, defaultBuild, REQUESTS } from '../authz/access-requests';
import { openApiOperations } from '../authz/openapi-operations';
import { createTestApp, TestApp } from '../harness/test-app';

/**
 * Bad input on every operation of /docs/json, as an actor entitled to call it (from the access
 * matrix), starting from the valid request the matrix test uses: bad ids in the path, bad query
 * values, bad types, NUL bytes, huge numbers, deep nesting, missing nested objects and wrong
 * content types in the body. No answer may be a 5xx, and every error is problem+json.
 * Deterministic: the sample of body and query mutations is drawn from a PRNG seeded per operation.
 */

const BAD_IDS = ['x', '-1', 'undefined', 'null', '2147483648', '00000000-0000-1000-8000-000000000000', '%00'];
const BAD_QUERY = ['a%00b', '2147483648', '1e309', '-1', 'x', '', 'undefined', '%7B%7D', '9999-99-99'];
/** Values for a body field, as raw JSON text (1e309 cannot be written by JSON.stringify). */
const DEEP_ARRAY = '['.repeat(2000) + ']'.repeat(2000);
const DEEP_OBJECT = '{"a":'.repeat(2000) + '1' + '}'.repeat(2000);
const BAD_VALUES = [
  '"a\\u0000b"',
  '2147483648',
  '1e309',
  '-1',
  '"x"',
  'null',
  'true',
  '{}',
  '[]',
  '[{"a":1}]',
  '"00000000-0000-1000-8000-000000000000"',
  DEEP_ARRAY,
  DEEP_OBJECT,
];
const QUERY_SAMPLE = 24;
const BODY_SAMPLE = 30;

interface Attempt {
  label: string;
  url: string;
  payload?: string;
  contentType?: string;
}

/** mulberry32, seeded from the operation's name. */
function prng(seedText: string): () => number {
  let a = [...seedText].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 2654435761) >>> 0, 7);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sample<T>(items: T[], n: number, random: () => number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (pool.length && out.length < n) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return out;
}

/** Every path to a value inside a JSON body (objects and arrays), up to three levels deep. */
function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (prefix.length >= 3 || value === null || typeof value !== 'object') return prefix.length ? [prefix] : [];
  const keys = Array.isArray(value) ? value.map((_v, i) => i) : Object.keys(value);
  const inner = keys.flatMap((k) => leafPaths((value as Record<string, unknown>)[k], [...prefix, k]));
  return prefix.length ? [prefix, ...inner] : inner;
}

/** The body as JSON text with the value at `path` replaced by raw JSON text (or removed). */
function withValue(body: unknown, path: (string | number)[], raw: string | undefined): string {
  const MARK = '__fuzzed_value__';
  const copy = structuredClone(body) as Record<string | number, any>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k];
  const last = path[path.length - 1];
  if (raw === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
    return JSON.stringify(copy);
  }
  node[last] = MARK;
  return JSON.stringify(copy).replace(`"${MARK}"`, raw);
}

function attemptsFor(template: string, call: Call, queryNames: string[], random: () => number): Attempt[] {
  const out: Attempt[] = [];
  const [path, query = ''] = call.url.split('?');
  const json = (payload: string) => ({ payload, contentType: 'application/json' });
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);

  // Bad ids in each path parameter.
  const segments = path.split('/');
  template.split('/').forEach((seg, i) => {
    if (!seg.startsWith('{')) return;
    for (const bad of BAD_IDS) {
      const url = [...segments.slice(0, i), bad, ...segments.slice(i + 1)].join('/');
      out.push({
        label: `path ${seg}=${bad}`,
        url: query ? `${url}?${query}` : url,
        ...(body ? json(body) : {}),
      });
    }
  });

  // Bad query values, one parameter at a time (and one given twice).
  const queryAttempts = queryNames.flatMap((name) => [
    ...BAD_QUERY.map((v) => ({ name, v })),
    { name, v: 'a', twice: true },
  ]);
  for (const { name, v, twice } of sample(
    queryAttempts as { name: string; v: string; twice?: boolean }[],
    QUERY_SAMPLE,
    random,
  )) {
    const params = new URLSearchParams(query);
    params.delete(name);
    const extra = twice ? `${name}=${v}&${name}=${v}` : `${name}=${v}`;
    const rest = params.toString();
    out.push({
      label: `query ${extra}`,
      url: `${path}?${rest ? `${rest}&` : ''}${extra}`,
      ...(body ? json(body) : {}),
    });
  }
  if (template.split(' ')[0] === 'GET') return out;

  // Bad values in the body: each field replaced or removed (a missing nested object included).
  const paths = call.body && typeof call.body === 'object' ? leafPaths(call.body) : [];
  const bodyAttempts = paths.flatMap((p) => [
    ...BAD_VALUES.map((raw) => ({ p, raw })),
    { p, raw: undefined },
  ]);
  for (const { p, raw } of sample(bodyAttempts, BODY_SAMPLE, random))
    out.push({
      label: `body ${p.join('.')}=${raw === undefined ? '(missing)' : raw.slice(0, 20)}`,
      url: call.url,
      ...json(withValue(call.body, p, raw)),
    });
  // Removing each top-level object is always tried: a missing nested object must not be a TypeError.
  for (const p of paths.filter((q) => q.length === 1 && typeof (call.body as any)[q[0]] === 'object'))
    out.push({ label: `body ${p[0]} missing`, url: call.url, ...json(withValue(call.body, p, undefined)) });

  // Whole bodies and content types.
  const whole: [string, string, string][] = [
    ['deep array', DEEP_ARRAY, 'application/json'],
    ['deep object', DEEP_OBJECT, 'application/json'],
    ['NUL string', '"\\u0000"', 'application/json'],
    ['array', '[]', 'application/json'],
    ['null', 'null', 'application/json'],
    ['number', '2147483648', 'application/json'],
    ['truncated JSON', '{"a":', 'application/json'],
    ['text/plain', body ?? '{}', 'text/plain'],
    ['form', 'a=b&c=%00', 'application/x-www-form-urlencoded'],
    ['xml', '<a>b</a>', 'application/xml'],
    ['octet-stream', '\u0000\u0001', 'application/octet-stream'],
  ];
  for (const [label, payload, contentType] of whole)
    out.push({ label: `body ${label}`, url: call.url, payload, contentType });
  return out;
}

/** Who fuzzes an operation: the case team first, else the first actor the matrix lets in. */
function callerOf(op: string): ActorName {
  const row = ACCESS_MATRIX.find((r) => r.op === op);
  const entitled = ACTORS.filter((a) => row && expectationOf(row, a).status === '2xx');
  return (
    (['caseworkerAssigned', 'supervisor'] as ActorName[]).find((a) => entitled.includes(a)) ??
    entitled[0] ??
    'anonymous'
  );
}

describe('bad input on every operation: never a 5xx, always problem+json', () => {
  let t: TestApp;
  let fx: AccessFixture;
  let doc: any;

  beforeAll(async () => {
    t = await createTestApp();
    fx = await new AccessFixture(t).build();
    doc = (await t.request('GET', '/docs/json')).body;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('covers every operation of /docs/json', () => {
    expect(openApiOperations(doc).filter((op) => !ACCESS_MATRIX.some((r) => r.op === op))).toEqual([]);
  });

  it.each(ACCESS_MATRIX.map((r) => [r.op]))('%s', async (op) => {
    const [method, template] = op.split(' ');
    const spec = doc.paths[template]?.[method.toLowerCase()];
    if (!spec) return; // the matrix test reports rows without an operation
    const actor = callerOf(op);
    const built = await (REQUESTS[op] ?? defaultBuild(op))(fx, actor);
    const call = Array.isArray(built) ? built[0] : built;
    const queryNames = (spec.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name);
    const token = fx.tokenOf(actor);
    const failures = (
      await Promise.all(
        attemptsFor(`${method} ${template}`, call, queryNames, prng(op)).map(async (a) => {
          const res = await fx.limit(() =>
            t.app.inject({
              method: method as never,
              url: a.url,
              headers: {
                ...(token ? { authorization: `Bearer ${token}` } : {}),
                ...(a.contentType ? { 'content-type': a.contentType } : {}),
              },
              payload: a.payload,
              remoteAddress: randomAddress(),
            }),
          );
          const type = String(res.headers['content-type'] ?? '');
          if (res.statusCode >= 500) return [`${a.label}: ${res.statusCode} ${res.body.slice(0, 200)}`];
          if (res.statusCode >= 400 && !type.startsWith('application/problem+json'))
            return [`${a.label}: ${res.statusCode} as ${type || 'no content type'}`];
          return [];
        }),
      )
    ).flat();
    expect(failures).toEqual([]);
  });
});
