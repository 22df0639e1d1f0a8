import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { DataSource } from 'typeorm';
import { ReferralRedeliverySweep } from '../../src/referrals/referral-redelivery.sweep';
import { eventually } from '../harness/queues';
import { createTestApp, TestApp } from '../harness/test-app';
import { startWorker } from '../harness/worker-process';
import { referralScenario } from './referral-scenario';
import { startPartner } from './partner-server';

jest.setTimeout(180_000);

const SECRET = 'fault-partner-secret-0123456789abcdef';
const SECRET_REF = 'EXTERNAL_AGENCY_SECRET_TEST_FAULTS';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** A private redis-server, so stopping it disturbs nobody else. */
async function startRedis(port: number): Promise<ChildProcess> {
  const proc = spawn(
    '/usr/bin/redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error(`redis did not start: ${out}`)), 10000);
    proc.stdout!.on('data', (d) => {
      out += d;
      if (/Ready to accept connections/.test(out)) {
        clearTimeout(t);
        resolve();
      }
    });
  });
  return proc;
}

async function stopRedis(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  await exited;
}

/** Every referral delivered exactly once: one delivery row and one `delivered` transition each. */
async function expectDeliveredOnce(ds: DataSource, ids: string[]): Promise<void> {
  await eventually(
    () =>
      ds.query(`SELECT count(*)::int AS n FROM referral WHERE id = ANY($1) AND status = 'delivered'`, [ids]),
    (rows) => rows[0].n === ids.length,
    90_000,
  );
  const rows = await ds.query(
    `SELECT r.id,
            (SELECT count(*)::int FROM referral_delivery d WHERE d.referral_id = r.id AND d.kind = 'referral') AS deliveries,
            (SELECT count(*)::int FROM referral_status_change h WHERE h.referral_id = r.id AND h.to_status = 'delivered') AS transitions
       FROM referral r WHERE r.id = ANY($1)`,
    [ids],
  );
  expect(rows).toHaveLength(ids.length);
  for (const r of rows) expect([r.deliveries, r.transitions]).toEqual([1, 1]);
}

async function createMany(
  t: TestApp,
  s: Awaited<ReturnType<typeof referralScenario>>,
  n: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await t.request('POST', '/api/v1/referrals', {
      token: t.tokenFor(s.caseworker),
      body: s.body({ dispatch: true }),
    });
    expect(res.status).toBe(201);
    ids.push(res.body.id);
  }
  return ids;
}

describe('delivery faults: every committed referral is delivered exactly once', () => {
  it('(a) Redis stopped while referrals are created, then restarted', async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    const t = await createTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
    const worker = await startWorker(t.env);
    try {
      const s = await referralScenario(t);
      const before = await createMany(t, s, 5);
      await expectDeliveredOnce(t.dataSource, before);
      await stopRedis(redis);
      const during = await createMany(t, s, 15);
      // Nothing can reach the queue: the referrals wait, committed, in the outbox.
      await new Promise((r) => setTimeout(r, 1500));
      const pending = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox_message WHERE published_at IS NULL`,
      );
      expect(pending[0].n).toBe(15);
      redis = await startRedis(port);
      await expectDeliveredOnce(t.dataSource, [...before, ...during]);
      const inbox = await t.request('GET', '/api/v1/referrals/inbox?limit=100', {
        token: t.tokenFor(s.focal),
      });
      expect(inbox.body.items).toHaveLength(20);
    } finally {
      await worker.kill();
      await t.close();
      await stopRedis(redis);
    }
  });

  describe('with an external agency', () => {
    let t: TestApp;
    let partner: Awaited<ReturnType<typeof startPartner>>;
    let s: Awaited<ReturnType<typeof referralScenario>>;
    beforeAll(async () => {
      partner = await startPartner(SECRET);
      t = await createTestApp({
        env: {
          [SECRET_REF]: SECRET,
          REFERRAL_DELIVERY_BACKOFF_MS: '200',
          REFERRAL_DELIVERY_ATTEMPTS: '10',
          REFERRAL_DELIVERY_TIMEOUT_MS: '20000',
        },
      });
      s = await referralScenario(t, {
        recipient: { onEnlace: false, deliveryEndpoint: partner.url, signingSecretRef: SECRET_REF },
      });
    });
    afterAll(async () => {
      await t?.close();
      await partner?.close();
    });

    /** One processed request per referral on the partner's side, whatever was retried. */
    const expectPartnerProcessedOnce = (ids: string[]) => {
      const got = partner.referrals().filter((b) => ids.includes(b.referralId));
      expect(got.map((b) => b.referralId).sort()).toEqual([...ids].sort());
    };

    it('(b) the worker killed mid-delivery, then restarted', async () => {
      partner.setMode({ delayMs: 4000 });
      const ids = await createMany(t, s, 6);
      const requestsBefore = partner.stats.requests;
      let worker = await startWorker(t.env);
      await eventually(
        async () => partner.stats.requests,
        (n) => n > requestsBefore,
        20_000,
      );
      await worker.kill();
      expect(
        await t.dataSource.query(`SELECT 1 FROM referral_delivery WHERE referral_id = ANY($1)`, [ids]),
      ).toHaveLength(0);
      partner.setMode({});
      worker = await startWorker(t.env);
      try {
        await expectDeliveredOnce(t.dataSource, ids);
        expectPartnerProcessedOnce(ids);
        // The interrupted POSTs were sent again with the same Idempotency-Key.
        expect(partner.stats.requests - requestsBefore).toBeGreaterThan(ids.length);
      } finally {
        await worker.stop();
      }
    });

    it('a delivery job lost inside Redis after publishing is requeued by the sweep', async () => {
      const ids = await createMany(t, s, 3);
      // The relay published them, then Redis lost the jobs (no worker ran meanwhile).
      await t.dataSource.query(`UPDATE outbox_message SET published_at = now() WHERE published_at IS NULL`);
      const sweep = t.app.get(ReferralRedeliverySweep);
      expect(await sweep.sweep(new Date())).toBe(0);
      expect(await sweep.sweep(new Date(Date.now() + ReferralRedeliverySweep.staleAfterMs + 60_000))).toBe(3);
      const worker = await startWorker(t.env);
      try {
        await expectDeliveredOnce(t.dataSource, ids);
        expectPartnerProcessedOnce(ids);
      } finally {
        await worker.stop();
      }
    });

    it('(c) the external endpoint failing (500), then recovering', async () => {
      partner.setMode({ failWith: 500 });
      const failedBefore = partner.stats.failed;
      const worker = await startWorker(t.env);
      try {
        const ids = await createMany(t, s, 6);
        await eventually(
          async () => partner.stats.failed - failedBefore,
          (n) => n >= 18,
          30_000,
        );
        const waiting = await t.dataSource.query(`SELECT DISTINCT status FROM referral WHERE id = ANY($1)`, [
          ids,
        ]);
        expect(waiting).toEqual([{ status: 'dispatched' }]);
        partner.setMode({});
        await expectDeliveredOnce(t.dataSource, ids);
        expectPartnerProcessedOnce(ids);
      } finally {
        await worker.stop();
      }
    });
  });
});
