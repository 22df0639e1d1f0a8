import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** docker/.env.example offers every setting the README's configuration table documents. */
const ROOT = join(__dirname, '..', '..');

function documentedVariables(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('### Configuration'));
  const rows = table.split('\n').filter((l) => l.startsWith('| `'));
  return rows.flatMap((row) =>
    [...row.split('|')[1].matchAll(/`([A-Z][A-Z0-9_]*)(<NAME>)?`/g)].map((m) => m[1]),
  );
}

describe('docker/.env.example', () => {
  const example = readFileSync(join(ROOT, 'docker', '.env.example'), 'utf8');
  const offered = new Set([...example.matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));

  it('reads the README table', () => {
    expect(documentedVariables()).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'JWT_SECRET', 'AUDIT_SIGNING_KEY']),
    );
  });

  it('lists every documented variable (set or commented with its default)', () => {
    const missing = documentedVariables().filter(
      (v) => !offered.has(v) && ![...offered].some((o) => v.endsWith('_') && o.startsWith(v)),
    );
    expect(missing).toEqual([]);
  });
});
