#!/usr/bin/env node
'use strict';
/**
 * `npm run demo` runs this before starting: it builds only when a source of the build is newer
 * than the build itself, and says which way it went (a build takes several seconds on a small
 * machine and used to run in silence every time). Plain JavaScript: it runs before any build.
 */
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');

const INPUTS = [
  'src',
  'migrations',
  'tsconfig.json',
  'tsconfig.build.json',
  'nest-cli.json',
  'package-lock.json',
];
const OUTPUTS = ['dist/src/demo.js', 'dist/src/main.js', 'dist/src/worker.js'];

/** The newest file under the paths (TypeScript sources and config only), or null when none exist. */
function newest(root, paths) {
  let best = null;
  const visit = (p) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const e of readdirSync(p)) visit(join(p, e));
    } else if (!best || st.mtimeMs > best.mtimeMs) {
      best = { file: relative(root, p), mtimeMs: st.mtimeMs };
    }
  };
  for (const p of paths) if (existsSync(join(root, p))) visit(join(root, p));
  return best;
}

/** Why the build under `root` must be redone, or null when it is current. */
function staleReason(root) {
  const missing = OUTPUTS.find((o) => !existsSync(join(root, o)));
  if (missing) return `${missing} does not exist`;
  const built = Math.min(...OUTPUTS.map((o) => statSync(join(root, o)).mtimeMs));
  const source = newest(root, INPUTS);
  return source && source.mtimeMs > built ? `${source.file} changed since the last build` : null;
}

module.exports = { staleReason };

if (require.main === module) {
  const root = join(__dirname, '..');
  const reason = staleReason(root);
  if (!reason) {
    process.stdout.write('demo | build is current (dist/ is newer than src/): not rebuilding\n');
    process.exit(0);
  }
  process.stdout.write(`demo | building (${reason}), about 10-30 s…\n`);
  const started = Date.now();
  const npm = process.env.npm_execpath;
  const res = npm
    ? spawnSync(process.execPath, [npm, 'run', '--silent', 'build'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) {
    process.stderr.write('demo | the build failed (see above)\n');
    process.exit(res.status ?? 1);
  }
  process.stdout.write(`demo | built in ${Date.now() - started} ms\n`);
}
