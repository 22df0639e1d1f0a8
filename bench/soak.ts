import { randomInt } from 'node:crypto';
import { Client } from 'pg';
import { AccessTokenService } from '../src/auth/access-token.service';
import { Role } from '../src/common/role';
import type { Env } from '../src/config/env';
import { startBenchApi } from './bench-services';

/**
 * Soak: the API process under a steady mix of reads and writes for a long time (10 minutes by
 * default), to show whether its memory plateaus. Every interval (a minute by default) it prints
 * the requests of that interval with their p50/p99 latency and failures, the process's resident
 * memory and heap (from its own /metrics) and the event-loop lag p99/max over the interval
 * (prom-client resets its lag histogram at each scrape). At the end it compares memory in the
 * first and second halves.
 *
 * The load is open-loop at a fixed rate (it does not saturate the shared cores): per request,
 * 25 % case registrations (POST /api/v1/cases, a new child each time), 50 % case list pages
 * (GET /api/v1/cases?limit=20) and 25 % case reads (GET /api/v1/cases/:id, audited).
 *
 *   BENCH_SOAK_SECONDS   duration (600)
 *   BENCH_SOAK_INTERVAL  seconds per printed line (60)
 *   BENCH_SOAK_RPS       requests per second (10)
 *   BENCH_SOAK_MAX_INFLIGHT  requests in flight at most; ticks beyond it are counted as skipped (32)
 *   BENCH_LOG_LEVEL      the API's log level (info, as in production; the output is discarded)
 */
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'xe', 'yu', 'za', 'be', 'do', 'fi', 'gu'];

function randomName(parts: number): string {
  let s = '';
  for (let i = 0; i < parts; i++) s += SYLLABLES[randomInt(SYLLABLES.length)];
  return s[0].toUpperCase() + s.slice(1);
}

function registration(receptionCenterId: string): Record<string, unknown> {
  return {
    reception: {
      receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
      receptionCenterId,
      returnedFrom: 'US',
      meansOfReturn: 'air',
      accompaniment: 'unaccompanied',
    },
    child: {
      firstNames: `${randomName(3)} ${randomName(2)}`,
      lastNames: `${randomName(3)} ${randomName(3)}`,
      dateOfBirth: `${2009 + randomInt(6)}-0${1 + randomInt(9)}-1${randomInt(10)}`,
      sex: randomInt(2) ? 'male' : 'female',
      nationality: 'GT',
      languages: ['es'],
    },
    protectionConcerns: ['family_separation'],
    immediateNeeds: ['food'],
    legalBasis: 'vital_interests',
    riskLevel: 'medium',
  };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function metric(text: string, name: string): number {
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.eE+-]+)$`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
}

interface Interval {
  latencies: number[];
  ok: number;
  failed: Map<string, number>;
  skipped: number;
}

const newInterval = (): Interval => ({ latencies: [], ok: 0, failed: new Map(), skipped: 0 });

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
  const every = Number(process.env.BENCH_SOAK_INTERVAL ?? 60);
  const rps = Number(process.env.BENCH_SOAK_RPS ?? 10);
  const maxInflight = Number(process.env.BENCH_SOAK_MAX_INFLIGHT ?? 32);
  const api = await startBenchApi('enlace_bench_soak');
  const { base, jwtSecret: secret } = api;
  try {
    const pg = new Client({ connectionString: api.dbUrl });
    pg.on('error', () => undefined);
    await pg.connect();
    let agency: { id: string };
    let user: { id: string };
    try {
      [agency] = (
        await pg.query(
          `INSERT INTO agency (country_code, name, type, on_enlace, version) VALUES ('GT', 'Centro de recepción soak', 'reception_center', true, 1) RETURNING id`,
        )
      ).rows;
      [user] = (
        await pg.query(
          `INSERT INTO app_user (agency_id, role, email, full_name, password_hash, language, version)
         VALUES ($1, 'caseworker', 'soak@example.org', 'Soak', 'not-a-valid-hash', 'es', 1) RETURNING id`,
          [agency.id],
        )
      ).rows;
    } finally {
      await pg.end();
    }
    const token = new AccessTokenService({ jwtSecret: secret, jwtAccessTtlSeconds: 86400 } as Env).sign({
      userId: user.id,
      role: Role.Caseworker,
      agencyId: agency.id,
      countryCode: 'GT',
      language: 'es',
    });
    const auth = { authorization: `Bearer ${token}` };
    const caseIds: string[] = [];

    let current = newInterval();
    let inflight = 0;
    const one = async (): Promise<void> => {
      const dice = randomInt(4);
      const started = performance.now();
      let kind: string;
      let res: Response;
      if (dice === 0 || !caseIds.length) {
        kind = 'register';
        res = await fetch(`${base}/api/v1/cases`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify(registration(agency.id)),
        });
      } else if (dice === 3) {
        kind = 'read';
        res = await fetch(`${base}/api/v1/cases/${caseIds[randomInt(caseIds.length)]}`, { headers: auth });
      } else {
        kind = 'list';
        res = await fetch(`${base}/api/v1/cases?limit=20`, { headers: auth });
      }
      const body = await res.text();
      const bucket = current;
      bucket.latencies.push(performance.now() - started);
      // A generated name can resemble an earlier one: 409 POSSIBLE_DUPLICATES is a normal answer.
      if (res.ok || (kind === 'register' && res.status === 409)) bucket.ok++;
      else bucket.failed.set(`${kind} ${res.status}`, (bucket.failed.get(`${kind} ${res.status}`) ?? 0) + 1);
      if (kind === 'register' && res.status === 201) {
        const id = (JSON.parse(body) as { case: { id: string } }).case.id;
        if (caseIds.length < 5000) caseIds.push(id);
        else caseIds[randomInt(caseIds.length)] = id;
      }
    };

    console.log(
      `Enlace soak: ${seconds} s at ${rps} req/s (25 % registrations, 50 % list pages, 25 % case reads), ` +
        `a line every ${every} s, Node ${process.version}`,
    );
    console.log('minute   requests  failed  skipped  p50 ms  p99 ms   RSS MB  heap MB  loop lag p99/max ms');
    const rows: { rss: number; heap: number }[] = [];
    const report = async (elapsed: number): Promise<void> => {
      const bucket = current;
      current = newInterval();
      const metrics = await (await fetch(`${base}/metrics`)).text();
      const rss = metric(metrics, 'enlace_process_resident_memory_bytes') / 2 ** 20;
      const heap = metric(metrics, 'enlace_nodejs_heap_size_used_bytes') / 2 ** 20;
      const lagP99 = metric(metrics, 'enlace_nodejs_eventloop_lag_p99_seconds') * 1000;
      const lagMax = metric(metrics, 'enlace_nodejs_eventloop_lag_max_seconds') * 1000;
      const sorted = bucket.latencies.sort((a, b) => a - b);
      const failed = [...bucket.failed.values()].reduce((a, b) => a + b, 0);
      rows.push({ rss, heap });
      console.log(
        `${(elapsed / 60).toFixed(1).padStart(6)} ${String(sorted.length).padStart(10)} ${String(failed).padStart(7)} ` +
          `${String(bucket.skipped).padStart(8)} ${percentile(sorted, 50).toFixed(1).padStart(7)} ` +
          `${percentile(sorted, 99).toFixed(1).padStart(7)} ${rss.toFixed(0).padStart(8)} ${heap.toFixed(0).padStart(8)} ` +
          `${lagP99.toFixed(1).padStart(10)}/${lagMax.toFixed(1)}` +
          (failed ? `  (${[...bucket.failed].map(([k, n]) => `${k}: ${n}`).join(', ')})` : ''),
      );
    };

    const start = Date.now();
    let nextReport = every;
    let fired = 0;
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        const elapsed = (Date.now() - start) / 1000;
        // Catch up to the target count, so timer jitter does not lower the rate.
        const due = Math.floor(elapsed * rps) - fired;
        for (let i = 0; i < due; i++) {
          fired++;
          if (inflight >= maxInflight) {
            current.skipped++;
            continue;
          }
          inflight++;
          void one()
            .catch((e: unknown) => {
              const key = `error ${(e as Error).message}`;
              current.failed.set(key, (current.failed.get(key) ?? 0) + 1);
            })
            .finally(() => inflight--);
        }
        if (elapsed >= nextReport) {
          nextReport += every;
          void report(elapsed);
        }
        if (elapsed >= seconds) {
          clearInterval(tick);
          resolve();
        }
      }, 10);
    });
    while (inflight > 0) await new Promise((r) => setTimeout(r, 50));

    if (rows.length >= 2) {
      const half = Math.floor(rows.length / 2);
      const first = rows.slice(0, half);
      const second = rows.slice(half);
      const max = (xs: number[]) => Math.max(...xs);
      const growth = max(second.map((r) => r.rss)) - max(first.map((r) => r.rss));
      const heapGrowth = max(second.map((r) => r.heap)) - max(first.map((r) => r.heap));
      console.log(
        `RSS peak first half ${max(first.map((r) => r.rss)).toFixed(0)} MB, second half ${max(second.map((r) => r.rss)).toFixed(0)} MB ` +
          `(${growth >= 0 ? '+' : ''}${growth.toFixed(0)} MB); heap peak ${heapGrowth >= 0 ? '+' : ''}${heapGrowth.toFixed(0)} MB; ` +
          `last RSS ${rows[rows.length - 1].rss.toFixed(0)} MB`,
      );
      // A plateau: the second half's peak is within 10 % of the first half's.
      const plateau = growth <= 0.1 * max(first.map((r) => r.rss));
      console.log(
        `memory ${plateau ? 'plateaus' : 'still grows'} (second-half peak within 10 % of the first half's: ${plateau})`,
      );
    }
  } finally {
    await api.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
