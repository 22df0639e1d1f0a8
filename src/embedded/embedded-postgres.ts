import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { mkdirSync } from 'node:fs';
import { PgliteServer, startPgliteServer } from './pglite-server';

export interface EmbeddedPostgres extends PgliteServer {
  dataDir: string | null;
}

/**
 * PGlite with the extensions the migrations create (pgcrypto, pg_trgm, unaccent ship as separate
 * contrib bundles and must be loaded at start), served on a local port. `dataDir` null keeps the
 * database in memory.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string | null;
  port: number;
  maxConnections?: number;
}): Promise<EmbeddedPostgres> {
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const db = await PGlite.create({
    dataDir: opts.dataDir ?? undefined,
    extensions: { pgcrypto, pg_trgm, unaccent },
  });
  const server = await startPgliteServer(db, { port: opts.port, maxConnections: opts.maxConnections ?? 24 });
  return {
    ...server,
    dataDir: opts.dataDir,
    async close() {
      await server.close();
      await db.close();
    },
  };
}
