import { RedisMemoryServer } from 'redis-memory-server';

export interface EmbeddedRedis {
  url: string;
  close(): Promise<void>;
}

/**
 * A real redis-server (BullMQ needs its Lua scripts; no in-process imitation runs them) started by
 * redis-memory-server, in memory, on a local port, from the binary findRedisBinary chose.
 */
export async function startEmbeddedRedis(opts: { port: number; binary: string }): Promise<EmbeddedRedis> {
  const server = await RedisMemoryServer.create({
    instance: { ip: '127.0.0.1', port: opts.port || null },
    binary: { systemBinary: opts.binary },
  });
  const host = await server.getHost();
  const port = await server.getPort();
  return {
    url: `redis://${host}:${port}`,
    async close() {
      await server.stop();
    },
  };
}
