import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source-options';
import { describeVerdict, verifyChain } from './audit-chain.verifier';
import { readChainBatch } from './audit.repository';

/**
 * `npm run audit:verify`: walks the audit chain of DATABASE_URL in seq order, in keyset batches
 * (constant memory for any length), and prints `audit chain OK: N entries` or the first broken
 * link. Exit code 0 when intact, 1 when broken, 2 on a usage or connection error.
 * AUDIT_VERIFY_BATCH sets the batch size (default 5000).
 */
async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is required');
    return 2;
  }
  const batch = Number(process.env.AUDIT_VERIFY_BATCH ?? 5000);
  if (!Number.isInteger(batch) || batch < 1) {
    console.error('AUDIT_VERIFY_BATCH must be a positive integer');
    return 2;
  }
  const ds = new DataSource({ ...dataSourceOptions(url, 1), entities: [], migrations: [] });
  await ds.initialize();
  try {
    const started = process.hrtime.bigint();
    const verdict = await verifyChain((after, n) => readChainBatch(ds, after, n), batch);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(describeVerdict(verdict));
    if (verdict.headSeq)
      console.log(
        `last intact entry: seq ${verdict.headSeq} hash ${verdict.headHash} (${seconds.toFixed(2)} s)`,
      );
    return verdict.ok ? 0 : 1;
  } finally {
    await ds.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
