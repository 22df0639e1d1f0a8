import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Jest setup (both projects): a query sent on a pg client that is still executing another one —
 * `Promise.all` over one transaction's EntityManager — fails the test that sent it. Child
 * processes the test starts with this environment (API, worker) load the same guard through
 * NODE_OPTIONS and report into a file that is checked after the test file's last test.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const guard = require('./pg-overlap-guard.cjs') as {
  install(report: (stack: string) => void): boolean;
};

const found: string[] = [];
guard.install((stack) => found.push(stack));

const childLog = join(tmpdir(), `enlace-pg-overlap-${process.pid}-${randomBytes(4).toString('hex')}.log`);
process.env.ENLACE_PG_OVERLAP_LOG = childLog;
process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, `--require ${join(__dirname, 'pg-overlap-guard.cjs')}`]
  .filter(Boolean)
  .join(' ');

function failIfAny(where: string, stacks: string[]): void {
  if (!stacks.length) return;
  throw new Error(
    `${stacks.length} overlapping quer${stacks.length === 1 ? 'y' : 'ies'} on one pg connection ${where} ` +
      `(run them one after the other, or outside the transaction):\n\n${stacks.slice(0, 3).join('\n\n')}`,
  );
}

afterEach(() => {
  failIfAny('in this test', found.splice(0));
});

afterAll(() => {
  const fromChildren = existsSync(childLog) ? readFileSync(childLog, 'utf8') : '';
  rmSync(childLog, { force: true });
  failIfAny('in hooks of this file', found.splice(0));
  failIfAny('in a child process started by this file', fromChildren ? [fromChildren] : []);
});
