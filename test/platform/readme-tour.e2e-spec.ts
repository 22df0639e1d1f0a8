import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Demo, startDemo } from '../harness/demo-process';
import { jqPath, parseTour, substitute, TourStep } from './tour-doc';

const TOUR = join(__dirname, '..', '..', 'docs', 'tour.md');
// A GET that waits for the worker (the partner's snapshot before delivery) is tried again this long.
const GET_RETRY_MS = 15_000;

jest.setTimeout(180_000);

describe('docs/tour.md parser', () => {
  it('reads requests, expected statuses and captures, and refuses what it does not understand', () => {
    const steps = parseTour(
      [
        '```sh',
        'API=http://localhost:3000',
        '```',
        '```sh',
        '# → 201',
        `curl -s -X POST "$API/x/$ID" -H 'Content-Type: application/json' -H "Authorization: Bearer $T" --data @- <<JSON | tee /tmp/enlace.json`,
        '{ "a": "$B", "n": $N }',
        'JSON',
        "ID=$(jq -r '.items[0].id' /tmp/enlace.json)",
        '```',
      ].join('\n'),
    );
    expect(steps).toEqual([
      { kind: 'set', name: 'API', value: 'http://localhost:3000' },
      {
        kind: 'request',
        line: 6,
        method: 'POST',
        url: '$API/x/$ID',
        headers: { 'content-type': 'application/json', authorization: 'Bearer $T' },
        body: '{ "a": "$B", "n": $N }',
        expect: 201,
        captures: [{ name: 'ID', path: '.items[0].id' }],
      },
    ]);
    const vars = new Map([
      ['B', 'b'],
      ['N', '3'],
    ]);
    expect(substitute('{ "a": "$B", "n": ${N} }', vars)).toBe('{ "a": "b", "n": 3 }');
    expect(() => substitute('$MISSING', vars)).toThrow(/\$MISSING is used before the tour sets it/);
    expect(jqPath({ items: [{ id: 'x' }] }, '.items[0].id')).toBe('x');
    expect(() => parseTour('```sh\ncurl -s "$API/x"\n```')).toThrow(/without its "# → status" line/);
    expect(() => parseTour('```sh\n# → 200\ncurl -k "$API/x"\n```')).toThrow(/curl option "-k"/);
    expect(() => parseTour('```sh\nrm -rf /tmp/x\n```')).toThrow(/not understood/);
  });
});

describe('docs/tour.md against `npm run demo` (embedded PostgreSQL and Redis, seeded)', () => {
  let demo: Demo;
  let api: string;

  beforeAll(async () => {
    demo = await startDemo({ DEMO_DATA_DIR: 'memory' });
    api = `http://127.0.0.1:${demo.port}`;
  });
  afterAll(async () => {
    if (!demo) return;
    const code = await demo.stop();
    demo.kill();
    expect(code).toBe(0);
  });

  it('answers every documented request with the documented status', async () => {
    const steps = parseTour(readFileSync(TOUR, 'utf8'));
    const requests = steps.filter((s): s is Extract<TourStep, { kind: 'request' }> => s.kind === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(15);
    const vars = new Map<string, string>();
    const trail: string[] = [];
    for (const step of steps) {
      if (step.kind === 'set') {
        vars.set(step.name, step.name === 'API' ? api : step.value);
        continue;
      }
      const url = substitute(step.url, vars);
      const headers = Object.fromEntries(
        Object.entries(step.headers).map(([k, v]) => [k, substitute(v, vars)]),
      );
      const body = step.body === undefined ? undefined : substitute(step.body, vars);
      const deadline = Date.now() + (step.method === 'GET' ? GET_RETRY_MS : 0);
      let res: Response;
      let text: string;
      for (;;) {
        res = await fetch(url, { method: step.method, headers, body });
        text = await res.text();
        if (res.status === step.expect || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      trail.push(`${step.method} ${new URL(url).pathname} → ${res.status}`);
      const where = `docs/tour.md line ${step.line}: ${step.method} ${url}`;
      expect({ where, status: res.status, body: res.status === step.expect ? '' : text }).toEqual({
        where,
        status: step.expect,
        body: '',
      });
      const json = text ? JSON.parse(text) : undefined;
      for (const c of step.captures) {
        const v = jqPath(json, c.path);
        if (v === undefined || v === null)
          throw new Error(`${where}: ${c.path} is not in the answer: ${text}`);
        vars.set(c.name, String(v));
      }
    }
    // The story really happened: the referral was accepted and the supervisor sees who read the case.
    expect(trail).toContain(`POST /api/v1/referrals/${vars.get('REFERRAL_ID')}/accept → 200`);
    const log = await fetch(`${api}/api/v1/cases/${vars.get('CASE_ID')}/access-log`, {
      headers: { authorization: `Bearer ${vars.get('SUPERVISOR_TOKEN')}` },
    }).then((r) => r.json() as Promise<{ items: { actorRole: string }[] }>);
    const roles = new Set(log.items.map((e) => e.actorRole));
    expect([...roles].sort()).toEqual(
      expect.arrayContaining(['caseworker', 'referral_focal_point', 'supervisor']),
    );
  });
});
