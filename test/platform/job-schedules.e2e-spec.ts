import { OverdueScanSchedule } from '../../src/escalation/escalation.jobs';
import { QueueName } from '../../src/queues/job-catalog';
import { createTestApp, TestApp } from '../harness/test-app';
import { eventually } from '../harness/queues';
import { startWorker } from '../harness/worker-process';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * An operator shortens OVERDUE_SCAN_EVERY and restarts the worker: the new interval must hold from
 * then on, including after a run that ends later than the next tick (a worker down for a while).
 */
describe('job schedules across restarts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const monitoring = () => t.queues.queue(QueueName.Monitoring);
  const scans = async () => (await monitoring().getJobCounts('completed')).completed;

  it('runs the overdue scan at the new interval after a restart that changed it', async () => {
    const slow = await startWorker({ ...t.env, OVERDUE_SCAN_EVERY: '5m' });
    await eventually(scans, (n) => n >= 1, 20000); // a new scheduler runs at once
    await slow.stop();

    let worker = await startWorker({ ...t.env, OVERDUE_SCAN_EVERY: '2s' });
    const afterChange = await scans();
    await eventually(scans, (n) => n >= afterChange + 1, 10000);
    await worker.stop();

    // Down for longer than the interval: the pending run is late, so the one after it is aligned
    // on the scheduler's offset. An offset left from the 5-minute interval put it minutes away.
    await sleep(4500);
    worker = await startWorker({ ...t.env, OVERDUE_SCAN_EVERY: '2s' });
    try {
      const restarted = await scans();
      await eventually(scans, (n) => n >= restarted + 3, 15000);
      const scheduler = await monitoring().getJobScheduler(OverdueScanSchedule.id);
      expect(Number(scheduler?.every)).toBe(2000);
      expect(Number(scheduler?.offset ?? 0)).toBeLessThan(2000);
    } finally {
      await worker.stop();
    }
  }, 90000);
});
