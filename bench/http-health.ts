import autocannon from 'autocannon';
import { AccessTokenService } from '../src/auth/access-token.service';
import { Role } from '../src/common/role';
import type { Env } from '../src/config/env';
import { startBenchApi } from './bench-services';

/**
 * HTTP throughput and latency of the API process: GET /health/live (the bare stack: Fastify, Nest,
 * request id, metrics hook, request logging) and an authenticated route, GET
 * /api/v1/system/jobs/:queue/:id (token check, CASL authorization, two Redis reads). Starts the
 * API on a free local port against the shared PostgreSQL and Redis, on a scratch database.
 *
 * BENCH_CONNECTIONS (default 50), BENCH_DURATION seconds per route (default 10), BENCH_LOG_LEVEL
 * (default info: request logging on, as in production).
 */
async function main(): Promise<void> {
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
  const duration = Number(process.env.BENCH_DURATION ?? 10);
  const api = await startBenchApi('enlace_bench');
  const { base, jwtSecret: secret } = api;
  try {
    const token = new AccessTokenService({ jwtSecret: secret, jwtAccessTtlSeconds: 3600 } as Env).sign({
      userId: '00000000-0000-4000-8000-00000000be01',
      role: Role.Administrator,
      agencyId: '00000000-0000-4000-8000-00000000be02',
      countryCode: 'GT',
      language: 'es',
    });
    const headers = { authorization: `Bearer ${token}` };
    // A job that stays waiting (no worker runs): the status route answers 200 for it.
    const ping = await fetch(`${base}/api/v1/system/ping`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: '{}',
    });
    const { jobId } = (await ping.json()) as { jobId: string };

    console.log(
      `Enlace HTTP benchmark: ${connections} connections, ${duration} s per route, Node ${process.version}`,
    );
    const routes = [
      { label: 'GET /health/live', url: `${base}/health/live`, headers: {} },
      {
        label: 'GET /api/v1/system/jobs/system/:id (authenticated)',
        url: `${base}/api/v1/system/jobs/system/${jobId}`,
        headers,
      },
    ];
    for (const r of routes) {
      // A short warm-up so JIT and connection pools are not measured.
      await autocannon({ url: r.url, headers: r.headers, connections, duration: 2 });
      const res = await autocannon({ url: r.url, headers: r.headers, connections, duration });
      console.log(
        `${r.label.padEnd(52)} ${Math.round(res.requests.average).toString().padStart(7)} req/s  ` +
          `p50 ${res.latency.p50} ms  p99 ${res.latency.p99} ms  max ${res.latency.max} ms  ` +
          `(${res.requests.total} requests, ${res.non2xx} non-2xx, ${res.errors} errors)`,
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
