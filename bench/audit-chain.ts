import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../src/common/actor';
import { Role } from '../src/common/role';
import { verifyChain } from '../src/audit/audit-chain.verifier';
import { readChainBatch } from '../src/audit/audit.repository';
import { AuditService } from '../src/audit-trail/audit.service';
import type { Clock } from '../src/common/clock';
import { dataSourceOptions } from '../src/database/data-source-options';
import { migrate } from '../src/database/migrate';
import { PG_ADMIN_URL, adminQuery } from './bench-services';

async function main(): Promise<void> {
  const entries = Number(process.argv[2] ?? 20000);
  const concurrency = Number(process.argv[3] ?? 8);
  const name = `enlace_bench_audit_${randomBytes(4).toString('hex')}`;
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;

  await adminQuery(`CREATE DATABASE ${name}`);
  const ds = new DataSource({ ...dataSourceOptions(url.toString(), concurrency + 2), migrations: [] });
  try {
    await migrate(url.toString(), 'run');
    await ds.initialize();
    const clock = { now: () => new Date() } as Clock;
    const audit = new AuditService(ds, clock);
    const actors: Actor[] = Array.from({ length: 50 }, (_, i) => ({
      userId: randomUUID(),
      role: [Role.Caseworker, Role.Supervisor, Role.ReferralFocalPoint][i % 3],
      agencyId: randomUUID(),
      countryCode: ['GT', 'HN', 'SV', 'MX'][i % 4],
      language: 'es',
    }));
    const caseIds = Array.from({ length: 500 }, () => randomUUID());

    let next = 0;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < entries) {
          const i = next++;
          const caseId = caseIds[i % caseIds.length];
          await audit.recordAlone({
            actor: actors[i % actors.length],
            action: i % 5 ? 'case.read' : 'case.update',
            subjectType: 'Case',
            subjectId: caseId,
            caseId,
            fields: i % 5 ? ['operational', 'identifying'] : ['riskLevel'],
          });
        }
      }),
    );
    const appendSeconds = Number(process.hrtime.bigint() - started) / 1e9;

    const verifyStarted = process.hrtime.bigint();
    const verdict = await verifyChain((after, n) => readChainBatch(ds, after, n), 5000);
    const verifySeconds = Number(process.hrtime.bigint() - verifyStarted) / 1e9;
    if (!verdict.ok || verdict.checked !== entries)
      throw new Error(`unexpected verdict ${JSON.stringify(verdict)} for ${entries} entries`);

    const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
    console.log(`audit chain benchmark (${entries} entries, ${concurrency} concurrent writers)`);
    console.log(`  append : ${fmt(entries / appendSeconds)} entries/s (${appendSeconds.toFixed(2)} s)`);
    console.log(
      `  verify : ${fmt(verdict.checked / verifySeconds)} rows/s (${verifySeconds.toFixed(2)} s), chain OK`,
    );
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
