import { ConfigError, durationMs, loadEnv, loadReferralDeliveryEnv } from './env';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/enlace',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'x'.repeat(40),
};

describe('loadEnv', () => {
  it('reads the referral delivery settings with their defaults, at boot and for the job catalog', () => {
    const defaults = {
      attempts: 8,
      backoffMs: 5000,
      timeoutMs: 10_000,
      sweepEveryMs: 300_000,
      expirySweepEveryMs: 60_000,
    };
    expect(loadEnv(valid).referralDelivery).toEqual(defaults);
    expect(loadReferralDeliveryEnv({ REFERRAL_DELIVERY_ATTEMPTS: '3' })).toEqual({
      ...defaults,
      attempts: 3,
    });
    expect(() => loadEnv({ ...valid, REFERRAL_DELIVERY_TIMEOUT_MS: '5' })).toThrow(
      /REFERRAL_DELIVERY_TIMEOUT_MS/,
    );
    expect(() => loadReferralDeliveryEnv({ REFERRAL_DELIVERY_ATTEMPTS: '0' })).toThrow(ConfigError);
  });

  it('reads the shutdown and worker health settings, naming bad values', () => {
    const env = loadEnv(valid);
    expect([env.shutdownDrainMs, env.shutdownTimeoutMs, env.workerHealthPort]).toEqual([
      5000,
      25000,
      undefined,
    ]);
    const set = loadEnv({ ...valid, SHUTDOWN_DRAIN_MS: '0', WORKER_HEALTH_PORT: '3001' });
    expect([set.shutdownDrainMs, set.workerHealthPort]).toEqual([0, 3001]);
    expect(() => loadEnv({ ...valid, SHUTDOWN_DRAIN_MS: '-1', WORKER_HEALTH_PORT: '70000' })).toThrow(
      /SHUTDOWN_DRAIN_MS must be an integer between 0 and 600000[\s\S]*WORKER_HEALTH_PORT must be an integer between 1 and 65535/,
    );
  });

  it('accepts a complete environment and applies defaults', () => {
    const env = loadEnv(valid);
    expect(env.port).toBe(3000);
    expect(env.databaseUrl).toBe(valid.DATABASE_URL);
    expect(env.queuePrefix).toBe('enlace');
    expect(env.trustProxy).toBe('loopback');
    expect(env.loginRateLimitPerIp).toBe(30);
    expect(env.loginRateLimitWindowSeconds).toBe(300);
    expect(env.activationTtlHours).toBe(72);
    expect(env.auditPoolSize).toBe(2);
    expect(env.dbPoolWaitMs).toBe(10000);
  });

  it('reads TRUST_PROXY as a boolean or a list of addresses, and refuses anything else', () => {
    expect(loadEnv({ ...valid, TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadEnv({ ...valid, TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toBe(
      '10.0.0.0/8,127.0.0.1',
    );
    expect(() => loadEnv({ ...valid, TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
    expect(() => loadEnv({ ...valid, LOGIN_RATE_LIMIT_PER_IP: '0' })).toThrow(/LOGIN_RATE_LIMIT_PER_IP/);
  });

  it('bounds the pools: the audit writer has its own, and nobody waits for a connection forever', () => {
    expect(loadEnv({ ...valid, AUDIT_POOL_SIZE: '3', DB_POOL_WAIT_MS: '500' })).toMatchObject({
      auditPoolSize: 3,
      dbPoolWaitMs: 500,
    });
    expect(() => loadEnv({ ...valid, AUDIT_POOL_SIZE: '0' })).toThrow(/AUDIT_POOL_SIZE/);
    expect(() => loadEnv({ ...valid, DB_POOL_WAIT_MS: '0' })).toThrow(/DB_POOL_WAIT_MS/);
  });

  it('takes Redis Cluster seed nodes and requires a hash-tagged queue prefix there', () => {
    expect(loadEnv(valid)).toMatchObject({ redisCluster: false, queuePrefix: 'enlace' });
    const seeds = 'redis://10.0.0.1:7000,redis://10.0.0.2:7000';
    expect(loadEnv({ ...valid, REDIS_CLUSTER: 'true', REDIS_URL: seeds })).toMatchObject({
      redisCluster: true,
      redisUrl: seeds,
      queuePrefix: '{enlace}',
    });
    expect(() => loadEnv({ ...valid, REDIS_CLUSTER: 'true', QUEUE_PREFIX: 'enlace' })).toThrow(
      /QUEUE_PREFIX must contain a hash tag/,
    );
    expect(() => loadEnv({ ...valid, REDIS_CLUSTER: 'yes' })).toThrow(/REDIS_CLUSTER must be true or false/);
    // A list is a cluster's seeds only: one server takes one URL.
    expect(() => loadEnv({ ...valid, REDIS_URL: seeds })).toThrow(/REDIS_URL/);
    expect(() => loadEnv({ ...valid, REDIS_CLUSTER: 'true', REDIS_URL: `${seeds},http://x` })).toThrow(
      /REDIS_URL must use redis: or rediss:/,
    );
  });

  it('names every missing or bad setting at once', () => {
    try {
      loadEnv({ PORT: 'eighty', REDIS_URL: 'http://x', JWT_SECRET: 'short' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as ConfigError).message;
      expect(msg).toContain('DATABASE_URL is required');
      expect(msg).toContain('PORT must be an integer');
      expect(msg).toContain('REDIS_URL must use redis: or rediss:');
      expect(msg).toContain('JWT_SECRET must be at least 32 characters');
    }
  });

  it('parses durations', () => {
    expect(durationMs('5m')).toBe(300_000);
    expect(durationMs('250ms')).toBe(250);
  });
});
