import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RedisMemoryServer } from 'redis-memory-server';

export interface EmbeddedRedis {
  url: string;
  close(): Promise<void>;
}

/**
 * A real redis-server (BullMQ needs its Lua scripts; no in-process imitation runs them) started by
 * redis-memory-server, in memory, on a local port. The binary comes from REDISMS_SYSTEM_BINARY or
 * the package.json "redisMemoryServer.systemBinary" setting; without one, redis-memory-server
 * downloads and builds Redis, which needs a network connection and a C toolchain.
 */
export async function startEmbeddedRedis(opts: { port: number }): Promise<EmbeddedRedis> {
  const server = await RedisMemoryServer.create({
    instance: { ip: '127.0.0.1', port: opts.port || null },
    binary: { systemBinary: systemBinary() },
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

function systemBinary(): string | undefined {
  if (process.env.REDISMS_SYSTEM_BINARY) return process.env.REDISMS_SYSTEM_BINARY;
  try {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
    return pkg.redisMemoryServer?.systemBinary;
  } catch {
    return undefined;
  }
}
