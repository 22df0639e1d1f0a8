import { startEmbeddedPostgres } from './embedded-postgres';

/**
 * Only the embedded PostgreSQL, for trying PGlite with psql or tools:
 * `node dist/src/embedded/pglite-serve.js [port] [dataDir]` (port 0 = any; no dataDir = in memory).
 * Prints `listening <url>` when ready; stops on SIGINT/SIGTERM.
 */
async function serve(): Promise<void> {
  const pg = await startEmbeddedPostgres({
    port: Number(process.argv[2] ?? 0),
    dataDir: process.argv[3] ?? null,
  });
  process.stdout.write(`listening ${pg.url}\n`);
  const stop = () => void pg.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  serve().catch((e: unknown) => {
    process.stderr.write(`embedded PostgreSQL failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
