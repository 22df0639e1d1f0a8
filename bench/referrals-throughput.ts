import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { DataSharingAgreement } from '../src/agreements/agreement.entity';
import { AppModule } from '../src/app.module';
import { CaseFile } from '../src/cases/case-file.entity';
import { Child } from '../src/cases/child.entity';
import { Consent } from '../src/cases/records/consent.entity';
import { requestContext } from '../src/common/request-context';
import { migrate } from '../src/database/migrate';
import { Agency } from '../src/directory/agency.entity';
import { AppUser } from '../src/directory/app-user.entity';
import { QueueService } from '../src/queues/queue.service';
import { ReferralCreateService } from '../src/referrals/referral-create.service';
import { verify } from '../src/referrals/referral-signature';
import { PG_ADMIN_URL, REDIS_URL, adminQuery, dropQueueKeys } from './bench-services';

/**
 * Referral delivery throughput, end to end: referrals created and dispatched through
 * ReferralCreateService (consent, agreement, snapshot, outbox row in one transaction each), the
 * real worker process relaying the outbox to BullMQ and delivering — to an inbox inside Enlace,
 * then to an external agency simulated by a local HTTP server that verifies every signature.
 * Reports referrals delivered per second (first creation to last delivery), the
 * dispatch → delivered latency and the outbox relay lag (published_at - created_at).
 * Own database (from the migrations, dropped at the end) and own queue prefix.
 *
 *   npm run build && node dist/bench/referrals-throughput.js [internal=2000] [external=500] [concurrency=8]
 *   BENCH_PG_URL (admin connection, default postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_REDIS_URL (default redis://127.0.0.1:6379); OUTBOX_POLL_MS, WORKER_CONCURRENCY pass through.
 */
const root = join(__dirname, '..', '..');
const SECRET_REF = 'EXTERNAL_AGENCY_SECRET_BENCH_PARTNER';
const SECRET = randomBytes(24).toString('hex');

async function startPartner(): Promise<{
  server: Server;
  url: string;
  processed: Set<string>;
  bad: () => number;
}> {
  const processed = new Set<string>();
  let bad = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const failure = verify(
        SECRET,
        {
          timestamp: req.headers['x-enlace-timestamp'] as string,
          signature: req.headers['x-enlace-signature'] as string,
        },
        raw,
        Math.floor(Date.now() / 1000),
      );
      if (failure) {
        bad++;
        res.writeHead(401).end();
        return;
      }
      processed.add(req.headers['idempotency-key'] as string);
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          receivedAt: new Date().toISOString(),
          externalReference: `EXT-${processed.size}`,
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/referrals`, processed, bad: () => bad };
}

async function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const proc = spawn(process.execPath, [join(root, 'dist', 'src', 'worker.js')], {
    env: { ...process.env, ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    // A busy 2-core machine takes a while to load the worker's modules; a worker that did not
    // start is killed, not left running.
    const t = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`worker did not start:\n${out}`));
    }, 120000);
    proc.stdout!.on('data', (d) => {
      out += d;
      if (/worker ready/.test(out)) {
        clearTimeout(t);
        resolve();
      }
    });
    proc.stderr!.on('data', (d) => (out += d));
    proc.once('exit', () => reject(new Error(`worker exited:\n${out}`)));
  });
  return proc;
}

async function main(): Promise<void> {
  const internalN = Number(process.argv[2] ?? 2000);
  const externalN = Number(process.argv[3] ?? 500);
  const concurrency = Number(process.argv[4] ?? 8);
  const name = `enlace_bench_ref_${randomBytes(4).toString('hex')}`;
  const dbUrl = new URL(PG_ADMIN_URL);
  dbUrl.pathname = `/${name}`;
  const partner = await startPartner();
  const env: Record<string, string> = {
    NODE_ENV: 'development',
    DATABASE_URL: dbUrl.toString(),
    REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `enlace-bench-${randomBytes(4).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    CONFIG_DIR: join(root, 'config'),
    LOG_LEVEL: 'warn',
    DB_POOL_SIZE: String(concurrency + 4),
    [SECRET_REF]: SECRET,
  };
  for (const k of ['OUTBOX_POLL_MS', 'WORKER_CONCURRENCY']) if (process.env[k]) env[k] = process.env[k]!;
  Object.assign(process.env, env);

  await adminQuery(`CREATE DATABASE ${name}`);
  await migrate(env.DATABASE_URL, 'run');

  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error'] });
  let worker: ChildProcess | undefined;
  try {
    const ds = app.get(DataSource);
    const creator = app.get(ReferralCreateService);
    const save = <T extends object>(entity: new () => T, v: Partial<T>): Promise<T> =>
      ds.getRepository(entity).save(ds.getRepository(entity).create(v as T));
    const sender = await save(Agency, {
      countryCode: 'GT',
      name: 'Centro de recepción',
      type: 'reception_center',
      services: [],
    });
    const inbox = await save(Agency, { countryCode: 'GT', name: 'Hospital', type: 'health', services: [] });
    const external = await save(Agency, {
      countryCode: 'MX',
      name: 'DIF',
      type: 'child_protection_authority',
      services: [],
      onEnlace: false,
      deliveryEndpoint: partner.url,
      signingSecretRef: SECRET_REF,
    });
    const user = await save(AppUser, {
      agencyId: sender.id,
      role: 'caseworker',
      email: `bench.${randomUUID()}@example.org`,
      fullName: 'Bench',
      passwordHash: 'x',
    });
    await save(DataSharingAgreement, {
      reference: 'BENCH',
      title: 'Bench',
      partyAgencyIds: [],
      partyCountryCodes: ['GT', 'MX'],
      involvedCountries: ['GT', 'MX'],
      purposes: ['health_care'],
      dataCategories: ['identification', 'contact', 'case_summary', 'health'],
      validFrom: new Date(Date.now() - 86_400_000),
      status: 'active',
      approvals: ['GT', 'MX'].map((countryCode) => ({
        countryCode,
        approvedBy: user.id,
        approvedAt: new Date().toISOString(),
      })),
      createdBy: user.id,
    });
    const cases: string[] = [];
    const consents: string[] = [];
    for (let i = 0; i < 100; i++) {
      const child = await save(Child, {
        firstNames: `Niña ${i}`,
        lastNames: 'Bench',
        sex: 'female',
        nationality: 'GT',
        searchName: `bench nina ${i}`,
        disability: i % 2 ? 'visual' : null,
      });
      const c = await save(CaseFile, {
        caseNumber: `GT-2026-B${i}`,
        countryCode: 'GT',
        agencyId: sender.id,
        assignedUserId: user.id,
        childId: child.id,
        riskLevel: 'medium',
        returnedAt: new Date(),
        openedAt: new Date(),
        legalBasis: 'consent',
      });
      const consent = await save(Consent, {
        caseId: c.id,
        givenBy: 'guardian',
        purposes: ['health_care'],
        recipientAgencyIds: [inbox.id, external.id],
        dataCategories: ['identification', 'case_summary', 'health'],
        givenAt: new Date(Date.now() - 86_400_000),
        recordedBy: user.id,
      });
      cases.push(c.id);
      consents.push(consent.id);
    }
    const actor = {
      userId: user.id,
      role: 'caseworker' as const,
      agencyId: sender.id,
      countryCode: 'GT',
      language: 'es' as const,
    };

    worker = await startWorker(env);

    const stopWorker = async () => {
      if (!worker || worker.exitCode !== null) return;
      const exited = new Promise((r) => worker!.once('exit', r));
      worker.kill('SIGTERM');
      await exited;
    };
    /**
     * live: the worker runs while referrals are created (end to end, bound by creation).
     * backlog: created with the worker stopped, then timed from worker start (delivery capacity).
     */
    const run = async (label: string, n: number, recipientId: string, mode: 'live' | 'backlog') => {
      if (mode === 'backlog') await stopWorker();
      const before = await ds.query(`SELECT coalesce(max(id), 0) AS id FROM outbox_message`);
      let next = 0;
      const ids: string[] = [];
      const started = Date.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < n) {
            const i = next++;
            const r = await requestContext.run({ requestId: `bench-${i}`, actor }, () =>
              creator.create(actor, {
                caseId: cases[i % cases.length],
                recipientAgencyId: recipientId,
                serviceType: 'health_care',
                purpose: 'health_care',
                urgency: 'priority',
                reason: 'Bench referral',
                consentId: consents[i % consents.length],
                dispatch: true,
              }),
            );
            ids.push(r.id);
          }
        }),
      );
      const createdSeconds = (Date.now() - started) / 1000;
      let clockFrom = started;
      if (mode === 'backlog') {
        worker = await startWorker(env);
        clockFrom = Date.now();
      }
      for (;;) {
        const [{ n: done }] = await ds.query(
          `SELECT count(*)::int AS n FROM referral WHERE id = ANY($1) AND status = 'delivered'`,
          [ids],
        );
        if (done === n) break;
        if (Date.now() - started > 600_000)
          throw new Error(`${label}: only ${done}/${n} delivered after 10 min`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const [t] = await ds.query(
        `SELECT extract(epoch FROM max(delivered_at)) * 1000 AS last,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_at - dispatched_at) * 1000) AS p50,
                percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_at - dispatched_at) * 1000) AS p95
           FROM referral WHERE id = ANY($1)`,
        [ids],
      );
      const [lag] = await ds.query(
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM published_at - created_at) * 1000) AS p50,
                percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM published_at - created_at) * 1000) AS p95
           FROM outbox_message WHERE id > $1 AND job_name = 'referral.deliver'`,
        [before[0].id],
      );
      const [dupes] = await ds.query(
        `SELECT count(*)::int AS deliveries, count(DISTINCT referral_id)::int AS referrals FROM referral_delivery WHERE referral_id = ANY($1)`,
        [ids],
      );
      const endToEnd = (Number(t.last) - clockFrom) / 1000;
      console.log(
        [
          `${label}: ${n} referrals`,
          `  created+dispatched: ${(n / createdSeconds).toFixed(0)}/s (${createdSeconds.toFixed(1)} s, ${concurrency} concurrent)`,
          mode === 'live'
            ? `  delivered end to end: ${(n / endToEnd).toFixed(0)} referrals/s (${endToEnd.toFixed(1)} s from first creation to last delivery)`
            : `  backlog drained: ${(n / endToEnd).toFixed(0)} referrals/s (${endToEnd.toFixed(1)} s from worker ready to last delivery)`,
          ...(mode === 'live'
            ? [
                `  dispatch -> delivered: p50 ${Number(t.p50).toFixed(0)} ms, p95 ${Number(t.p95).toFixed(0)} ms`,
                `  outbox relay lag (published_at - created_at): p50 ${Number(lag.p50).toFixed(0)} ms, p95 ${Number(lag.p95).toFixed(0)} ms`,
              ]
            : []),
          `  delivery rows: ${dupes.deliveries} for ${dupes.referrals} referrals`,
        ].join('\n'),
      );
    };

    console.log(
      `referrals-throughput: outbox poll ${process.env.OUTBOX_POLL_MS ?? 500} ms, worker concurrency ${process.env.WORKER_CONCURRENCY ?? 10}`,
    );
    await run('internal (inbox), live', internalN, inbox.id, 'live');
    await run('external (signed HTTP to a local partner), live', externalN, external.id, 'live');
    await run('internal (inbox), backlog', internalN, inbox.id, 'backlog');
    await run('external (signed HTTP to a local partner), backlog', externalN, external.id, 'backlog');
    console.log(
      `  partner: ${partner.processed.size} distinct idempotency keys processed, ${partner.bad()} bad signatures`,
    );
    await Promise.all(
      app
        .get(QueueService)
        .allQueues()
        .map((q: { obliterate: (o: { force: boolean }) => Promise<void> }) => q.obliterate({ force: true })),
    );
  } finally {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((r) => worker!.once('exit', r));
      worker.kill('SIGTERM');
      await exited;
    }
    await app.close();
    partner.server.close();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropQueueKeys(REDIS_URL, env.QUEUE_PREFIX);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
