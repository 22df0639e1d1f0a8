import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { migrate } from '../src/database/migrate';
import { createHttpApp } from '../src/http-app';
import { hashPassword } from '../src/identity/password-hasher';
import { DEMO_PASSWORD, DEMO_USERS, demoEmail } from '../src/seed/demo-directory';
import { runSeed, seedId } from '../src/seed/seed';
import { PG_ADMIN_URL, REDIS_URL, adminQuery, dropQueueKeys } from './bench-services';

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms (n=${s.length})`;
}

async function main(): Promise<void> {
  const samples = Number(process.argv[2] ?? 30);
  const name = `enlace_bench_identity_${randomBytes(4).toString('hex')}`;
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  // The app reads its environment at boot.
  Object.assign(process.env, {
    NODE_ENV: 'development',
    DATABASE_URL: url.toString(),
    REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    JWT_SECRET: randomBytes(32).toString('hex'),
    QUEUE_PREFIX: `bench-identity-${randomBytes(3).toString('hex')}`,
    CONFIG_DIR: join(__dirname, '..', '..', 'config'),
    LOG_LEVEL: 'error',
    // Every sample comes from one address: measure the sign-in, not the per-address limit.
    LOGIN_RATE_LIMIT_PER_IP: '1000000',
  });

  await adminQuery(`CREATE DATABASE ${name}`);
  try {
    await migrate(url.toString(), 'run');
    Logger.overrideLogger(false);
    const app = await createHttpApp(undefined, { logger: false });
    try {
      await runSeed(app.get(DataSource));
      const inject = (method: string, path: string, body?: unknown, token?: string) =>
        app.inject({
          method: method as never,
          url: path,
          payload: body as never,
          headers: token ? { authorization: `Bearer ${token}` } : {},
        });

      const hashes: number[] = [];
      for (let i = 0; i < samples; i++) {
        const t0 = process.hrtime.bigint();
        await hashPassword(`Bench-Password-${i}`);
        hashes.push(ms(t0));
      }
      console.log(`argon2id hash            ${stats(hashes)}`);

      const emails = DEMO_USERS.map(demoEmail);
      const timed = async (body: unknown, expect: number): Promise<number> => {
        const t0 = process.hrtime.bigint();
        const res = await inject('POST', '/api/v1/auth/login', body);
        const took = ms(t0);
        if (res.statusCode !== expect)
          throw new Error(`login answered ${res.statusCode}, expected ${expect}`);
        return took;
      };
      const ok: number[] = [];
      const wrong: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < samples; i++) {
        // One wrong password per user and round, then a success: no account reaches the lockout.
        const email = emails[i % emails.length];
        wrong.push(await timed({ email, password: `Wrong-${i}-Password` }, 401));
        unknown.push(await timed({ email: `nobody-${i}@example.org`, password: `Wrong-${i}-Password` }, 401));
        ok.push(await timed({ email, password: DEMO_PASSWORD }, 200));
      }
      console.log(`login, right password    ${stats(ok)}`);
      console.log(`login, wrong password    ${stats(wrong)}`);
      console.log(`login, unknown email     ${stats(unknown)}`);
      const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      console.log(`unknown / wrong median   ${(med(unknown) / med(wrong)).toFixed(2)}`);

      const token = async (email: string) =>
        (await inject('POST', '/api/v1/auth/login', { email, password: DEMO_PASSWORD })).json()
          .accessToken as string;
      const cw = await token('caseworker.gt@demo.enlace.example');
      const ad = await token('administrator.gt@demo.enlace.example');
      const route = async (label: string, path: string, tok: string) => {
        const xs: number[] = [];
        const n = samples * 10;
        const t0 = process.hrtime.bigint();
        for (let i = 0; i < n; i++) {
          const s = process.hrtime.bigint();
          const res = await inject('GET', path, undefined, tok);
          if (res.statusCode !== 200) throw new Error(`${path} answered ${res.statusCode}`);
          xs.push(ms(s));
        }
        const rps = n / (ms(t0) / 1000);
        console.log(`${label.padEnd(24)} ${stats(xs)}, ${rps.toFixed(0)} req/s sequential`);
      };
      await route('directory search', '/api/v1/directory/agencies?service=health_care', cw);
      await route(
        'directory search by type',
        '/api/v1/directory/agencies?country=HN&type=reception_center',
        cw,
      );
      await route('directory agency+focal', `/api/v1/directory/agencies/${seedId('agency/HN-DINAF')}`, cw);
      await route('admin user list', '/api/v1/admin/users?limit=25', ad);
    } finally {
      await app.close();
    }
  } finally {
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropQueueKeys(REDIS_URL, process.env.QUEUE_PREFIX!);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
