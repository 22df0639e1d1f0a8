import type { Env } from '../config/env';
import { OutboxRelay, RELAY_MAX_BACKOFF_MS } from './outbox-relay';

/**
 * The relay's schedule while PostgreSQL is away: each failed run waits longer before the next (a
 * database restarting is not hammered every poll), and the first good run goes back to the poll.
 * The data source stands in for a PostgreSQL that refuses connections.
 */
describe('OutboxRelay backoff', () => {
  const POLL = 100;
  let up = false;
  let connects = 0;
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  const dataSource = {
    createQueryRunner: () => ({
      connect: async () => {
        connects++;
        if (!up) throw refused;
      },
      // Another relay holds the lock: nothing to publish, a good run all the same.
      query: async () => [{ locked: false }],
      release: async () => undefined,
    }),
  };
  const relay = new OutboxRelay(dataSource as never, {} as never, { outboxPollMs: POLL } as Env);
  const run = async () => {
    const before = connects;
    relay.wake();
    while (connects === before) await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
  };
  afterAll(() => relay.onApplicationShutdown());

  it('waits longer after each failed run, up to the cap, and polls again once a run succeeds', async () => {
    expect(relay.nextPollMs()).toBe(POLL);
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      await run();
      waits.push(relay.nextPollMs());
    }
    expect(waits[0]).toBeGreaterThanOrEqual(POLL);
    expect(waits[0]).toBeLessThanOrEqual(2 * POLL);
    expect(waits[4]).toBeGreaterThanOrEqual(16 * POLL); // 5 failures: ceiling 32× the poll, at least half of it
    expect(Math.max(...waits)).toBeLessThanOrEqual(RELAY_MAX_BACKOFF_MS);
    expect(waits[11]).toBeGreaterThanOrEqual(RELAY_MAX_BACKOFF_MS / 2);

    up = true;
    await run();
    expect(relay.nextPollMs()).toBe(POLL);
  });
});
