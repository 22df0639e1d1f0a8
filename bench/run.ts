import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm run bench`: runs every compiled benchmark (dist/bench/<name>.js) one after the other, or
 * only those named: `npm run bench -- http-health`. Helpers and this runner are skipped. `soak`
 * runs 10 minutes (BENCH_SOAK_SECONDS shortens it).
 */
const NOT_BENCHMARKS = new Set(['run.js', 'bench-services.js']);
const wanted = process.argv.slice(2);
const all = readdirSync(__dirname)
  .filter((f) => f.endsWith('.js') && !NOT_BENCHMARKS.has(f))
  .filter((f) => !wanted.length || wanted.includes(f.replace(/\.js$/, '')));
let failed = 0;
for (const file of all) {
  console.log(`\n== ${file.replace(/\.js$/, '')}`);
  const started = Date.now();
  const res = spawnSync(process.execPath, [join(__dirname, file)], { stdio: 'inherit' });
  if (res.status !== 0) failed++;
  console.log(
    `== ${file.replace(/\.js$/, '')} ${res.status === 0 ? 'done' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
process.exit(failed ? 1 : 0);
