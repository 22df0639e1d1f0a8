import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';
import { createServer, Server, Socket } from 'node:net';
import { demoWarn } from './demo-log';
import { SessionScheduler } from './session-scheduler';

export interface PgliteServer {
  port: number;
  url: string;
  stats(): { connections: number; queued: number };
  close(): Promise<void>;
}

/**
 * Serves a PGlite database over the PostgreSQL wire protocol so the normal `pg` driver (and so
 * TypeORM, the migrations and both processes) can use it. Connections are pglite-socket handlers;
 * the session is shared through SessionScheduler (see there for why not pglite-socket's server).
 */
export async function startPgliteServer(
  db: PGlite,
  opts: { host?: string; port: number; maxConnections: number },
): Promise<PgliteServer> {
  const host = opts.host ?? '127.0.0.1';
  const scheduler = new SessionScheduler(db);
  const handlers = new Set<PGLiteSocketHandler>();
  const server: Server = createServer((socket: Socket) => {
    if (handlers.size >= opts.maxConnections) {
      socket.destroy();
      return;
    }
    const handler = new PGLiteSocketHandler({ queryQueue: scheduler as never, closeOnDetach: true });
    handlers.add(handler);
    const forget = () => handlers.delete(handler);
    handler.addEventListener('close', forget);
    handler.addEventListener('error', forget);
    handler.attach(socket).catch(() => {
      forget();
      socket.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  let warned = false;
  const watchdog = setInterval(() => {
    const owner = scheduler.stalled(15_000);
    if (owner !== null && !warned) {
      warned = true;
      demoWarn(
        `embedded PostgreSQL: connection #${owner} holds the single session inside a transaction and ` +
          'others have waited 15 s; code that waits on a second connection inside a transaction cannot work on PGlite',
      );
    }
    if (owner === null) warned = false;
  }, 5000);
  watchdog.unref();
  return {
    port,
    url: `postgres://postgres@${host}:${port}/postgres`,
    stats: () => ({ connections: handlers.size, queued: scheduler.getQueueLength() }),
    async close() {
      clearInterval(watchdog);
      await Promise.allSettled([...handlers].map((h) => h.detach(true)));
      handlers.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
