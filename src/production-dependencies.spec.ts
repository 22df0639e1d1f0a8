import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { moduleSpecifiers, sourceFiles } from '../test/harness/source-files';

/**
 * The production image installs `dependencies` only (docker/Dockerfile prunes the rest), so what
 * its commands run may load nothing else. Followed from the image's entry points, so code that
 * only development commands run (the demo's embedded PostgreSQL and Redis, the OpenAPI
 * generator) may use development packages.
 */
const ROOT = join(__dirname, '..');
const ENTRY_POINTS = [
  'src/main.ts',
  'src/worker.ts',
  'src/database/migrate.ts',
  'src/database/app-login-cli.ts',
  'src/seed/seed.ts',
  'src/audit/audit-verify.ts',
  'src/audit/audit-keygen.ts',
  ...sourceFiles(join(ROOT, 'migrations')).map((f) => relative(ROOT, f)),
];

function packageOf(spec: string): string | undefined {
  if (spec.startsWith('.') || spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]))
    return undefined;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function resolveLocal(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, join(base, 'index.ts')].find((f) => existsSync(f));
}

/** Every source file the entry points load, with the packages each loads at run time. */
function reachable(): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const queue = ENTRY_POINTS.map((f) => join(ROOT, f));
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    const specs = moduleSpecifiers(file, true);
    seen.set(
      file,
      specs.map(packageOf).filter((p): p is string => !!p),
    );
    for (const s of specs.filter((x) => x.startsWith('.'))) {
      const next = resolveLocal(file, s);
      if (next) queue.push(next);
    }
  }
  return seen;
}

describe('production dependencies', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const files = reachable();

  it('follows the entry points into the code', () => {
    const names = [...files.keys()].map((f) => relative(ROOT, f).split(sep).join('/'));
    expect(names).toEqual(expect.arrayContaining(['src/app.module.ts', 'src/worker.module.ts']));
    expect(names).not.toContain('src/demo.ts');
  });

  it('code the production image runs loads only packages listed in dependencies', () => {
    const offending = [...files].flatMap(([file, packages]) =>
      packages.filter((p) => !(p in pkg.dependencies)).map((p) => `${relative(ROOT, file)} imports ${p}`),
    );
    expect(offending).toEqual([]);
  });

  it('the demo-only embedded servers stay out of dependencies', () => {
    for (const p of ['@electric-sql/pglite', '@electric-sql/pglite-socket', 'redis-memory-server']) {
      expect(pkg.dependencies[p]).toBeUndefined();
      expect(pkg.devDependencies[p]).toBeDefined();
    }
  });
});
