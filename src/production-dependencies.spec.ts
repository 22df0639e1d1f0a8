import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, sep } from 'node:path';
import { moduleSpecifiers, sourceFiles } from '../test/harness/source-files';

/**
 * The production image installs `dependencies` only (docker/Dockerfile prunes the rest), so the
 * code it runs may import nothing else. The demo's embedded PostgreSQL and Redis (`src/demo.ts`,
 * `src/embedded/`) are the one part left out of that image and may use development packages.
 */
const ROOT = join(__dirname, '..');
const DEMO_ONLY = ['src/demo.ts', 'src/embedded/'];

function packageOf(spec: string): string | undefined {
  if (spec.startsWith('.') || spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]))
    return undefined;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function productionFiles(): string[] {
  return [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'migrations'))]
    .map((f) => relative(ROOT, f).split(sep).join('/'))
    .filter((f) => !f.endsWith('.spec.ts') && !DEMO_ONLY.some((d) => f === d || f.startsWith(d)));
}

describe('production dependencies', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };

  it('code in the production image loads only packages listed in dependencies', () => {
    const offending = productionFiles().flatMap((file) =>
      moduleSpecifiers(join(ROOT, file), true)
        .map(packageOf)
        .filter((p): p is string => !!p && !(p in pkg.dependencies))
        .map((p) => `${file} imports ${p}`),
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
