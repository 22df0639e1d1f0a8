import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Why no redis-server could be found, with what to do about it (printed as is by the demo). */
export class RedisBinaryMissing extends Error {
  constructor(looked: string[]) {
    super(
      `No redis-server found (looked at ${looked.join(', ')}). Install Redis ` +
        `(Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis), ` +
        `point REDISMS_SYSTEM_BINARY at a redis-server binary, or set REDIS_URL to a running Redis.`,
    );
    this.name = 'RedisBinaryMissing';
  }
}

const executable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The redis-server the demo runs: REDISMS_SYSTEM_BINARY when set (and then only that one), else
 * `redis-server` on PATH, else package.json's "redisMemoryServer.systemBinary". Never a download:
 * redis-memory-server would otherwise fetch and compile Redis, which fails offline and takes
 * minutes when it works.
 */
export function findRedisBinary(env: Record<string, string | undefined>, packageJson?: string): string {
  const given = env.REDISMS_SYSTEM_BINARY?.trim();
  if (given) {
    if (executable(given)) return given;
    throw new RedisBinaryMissing([`REDISMS_SYSTEM_BINARY=${given}`]);
  }
  const looked: string[] = [];
  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, 'redis-server'))
    .find(executable);
  if (onPath) return onPath;
  looked.push('redis-server on PATH');
  const configured = packageJson ? configuredBinary(packageJson) : undefined;
  if (configured) {
    if (executable(configured)) return configured;
    looked.push(configured);
  }
  throw new RedisBinaryMissing(looked);
}

function configuredBinary(packageJson: string): string | undefined {
  try {
    return JSON.parse(readFileSync(packageJson, 'utf8')).redisMemoryServer?.systemBinary;
  } catch {
    return undefined;
  }
}
