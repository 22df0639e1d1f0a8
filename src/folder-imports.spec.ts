import { dirname, join, relative, resolve, sep } from 'node:path';
import { moduleSpecifiers, sourceFiles } from '../test/harness/source-files';

/**
 * Keeps the house as the README's code map draws it: the top-level folders under src/ import each
 * other without cycles, and the platform folders never import a domain folder.
 */

/** Shared plumbing: may import only each other (README, "Code map"). */
const PLATFORM = [
  'config',
  'common',
  'database',
  'queues',
  'policy',
  'embedded',
  'auth',
  'observability',
  'authz',
  'audit',
  'audit-trail',
  'idempotency',
  'vocabularies',
];

/**
 * Folders whose insides are private: other folders import only the listed public face.
 * Tests (*.spec.ts, test/, bench/) may import anything; the composition root (files at src/
 * itself: feature-modules.ts, app.module.ts...) registers the module.
 */
const PUBLIC_FACES: Record<string, string> = {
  cases: 'cases/public.ts',
};

/**
 * Rooms inside a folder, each with the files outside it that it may import from its folder
 * (README, "Code map"): the "what travels" rule sits below the rest of referrals; the case
 * wings build on the case-file core and never on each other.
 */
const INNER_ROOMS: { room: string; folder: string; mayImport: string[] }[] = [
  { room: 'referrals/sharing', folder: 'referrals', mayImport: ['referrals/referral.errors.ts'] },
  { room: 'cases/intake', folder: 'cases', mayImport: ['cases/*', 'cases/dto/*'] },
  { room: 'cases/records', folder: 'cases', mayImport: ['cases/*', 'cases/dto/*'] },
];

/** Edges allowed to close a cycle while a known one is being removed (none left). */
const KNOWN_BACK_EDGES: string[] = [];

const SRC = __dirname;

/** Relative module specifiers of a file. */
function specifiers(file: string): string[] {
  return moduleSpecifiers(file).filter((s) => s.startsWith('.'));
}

/** The top-level folder under src/ a path belongs to, or undefined for files at src/ itself. */
function folderOf(path: string): string | undefined {
  const parts = relative(SRC, path).split(sep);
  return parts.length > 1 && parts[0] !== '..' ? parts[0] : undefined;
}

/** Folder-level edges "a -> b", each with the file imports that make it. */
function folderEdges(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    if (!from) continue;
    for (const spec of specifiers(file)) {
      const to = folderOf(resolve(dirname(file), spec));
      if (!to || to === from) continue;
      const key = `${from} -> ${to}`;
      edges.set(key, [...(edges.get(key) ?? []), `${relative(SRC, file)} imports ${spec}`]);
    }
  }
  return edges;
}

/** Imports from another folder into a private folder that miss its public face. */
function facadeBypasses(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    if (!from || file.endsWith('.spec.ts')) continue;
    for (const spec of specifiers(file)) {
      const target = resolve(dirname(file), spec);
      const to = folderOf(target);
      if (!to || to === from || !(to in PUBLIC_FACES)) continue;
      const face = join(SRC, PUBLIC_FACES[to]);
      if (`${target}.ts` !== face && target !== face) found.push(`${relative(SRC, file)} imports ${spec}`);
    }
  }
  return found;
}

/** Imports from an inner room to files of its folder that the room may not use. */
function roomBreaches(): string[] {
  const found: string[] = [];
  const allowed = (target: string, patterns: string[]) =>
    patterns.some((p) =>
      p.endsWith('/*')
        ? dirname(target) === join(SRC, p.slice(0, -2))
        : target === join(SRC, p) || `${target}.ts` === join(SRC, p),
    );
  for (const { room, folder, mayImport } of INNER_ROOMS) {
    const roomDir = join(SRC, room);
    for (const file of sourceFiles(roomDir)) {
      for (const spec of specifiers(file)) {
        const target = resolve(dirname(file), spec);
        if (folderOf(target) !== folder || target.startsWith(roomDir + sep)) continue;
        if (!allowed(target, mayImport)) found.push(`${relative(SRC, file)} imports ${spec}`);
      }
    }
  }
  return found;
}

/** Every cycle reachable by depth-first search, each as its path of folders. */
function cycles(edges: Iterable<string>): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    const [a, b] = e.split(' -> ');
    next.set(a, [...(next.get(a) ?? []), b]);
  }
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const walk = (node: string, path: string[]): void => {
    state.set(node, 'open');
    for (const to of next.get(node) ?? []) {
      if (state.get(to) === 'open') found.push([...path.slice(path.indexOf(to)), node, to]);
      else if (!state.has(to)) walk(to, [...path, node]);
    }
    state.set(node, 'done');
  };
  for (const node of next.keys()) if (!state.has(node)) walk(node, []);
  return found;
}

describe('folder imports under src/', () => {
  const edges = folderEdges();
  // Each edge with (at most three of) the imports that make it.
  const explain = (keys: string[]) => keys.map((k) => `${k}: ${(edges.get(k) ?? []).slice(0, 3).join(', ')}`);

  it('form no cycle between top-level folders', () => {
    const kept = [...edges.keys()].filter((k) => !KNOWN_BACK_EDGES.includes(k));
    const found = cycles(kept).map((c) => [
      c.join(' -> '),
      ...explain(c.slice(1).map((to, i) => `${c[i]} -> ${to}`)),
    ]);
    expect(found).toEqual([]);
  });

  it('keep the platform folders below the domain', () => {
    const upward = [...edges.keys()].filter((k) => {
      const [a, b] = k.split(' -> ');
      return PLATFORM.includes(a) && !PLATFORM.includes(b);
    });
    expect(explain(upward)).toEqual([]);
  });

  it('reach a private folder only through its public face', () => {
    expect(facadeBypasses()).toEqual([]);
  });

  it('keep each inner room to the files of its folder it may use', () => {
    expect(roomBreaches()).toEqual([]);
  });

  it('still need each known exception (delete it from KNOWN_BACK_EDGES once it is gone)', () => {
    for (const known of KNOWN_BACK_EDGES) expect(edges.has(known)).toBe(true);
  });

  it('see the imports (the parser found the folders)', () => {
    expect(edges.has('cases -> directory')).toBe(true);
  });
});
