import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { CRM_COUNTRY_CODES } from '../common/crm-countries';
import { isDuration } from './duration';
import type { Policy, RuleSource } from './policy.types';

export class PolicyError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid policy configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'PolicyError';
  }
}

export interface LoadedPolicy {
  defaults: Policy;
  /** Per country: the merged policy and, per leaf key, the file it came from. */
  countries: Map<string, { policy: Policy; sources: Map<string, string> }>;
  defaultFile: string;
}

type Tree = Record<string, unknown>;
const isObj = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);

// Leaf keys whose values are counts rather than durations.
const NUMERIC = new Set([
  'followUp.lostContactAfterMissed',
  'ageOfMajority.age',
  'ageOfMajority.extensionMaxAge',
  'aggregates.smallCellThreshold',
]);

/** Checks `value` against the default's shape at `path`; overrides may only use known keys. */
function check(value: unknown, shape: unknown, path: string, file: string, problems: string[]): void {
  if (isObj(shape)) {
    if (!isObj(value)) return void problems.push(`${file}: ${path || '(root)'} must be a mapping`);
    for (const k of Object.keys(value)) {
      const p = path ? `${path}.${k}` : k;
      if (!(k in shape)) problems.push(`${file}: unknown key ${p}`);
      else check(value[k], shape[k], p, file, problems);
    }
  } else if (Array.isArray(shape)) {
    if (!Array.isArray(value) || !value.every(isDuration))
      problems.push(`${file}: ${path} must be a list of durations like 3mo`);
  } else if (NUMERIC.has(path)) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
      problems.push(`${file}: ${path} must be a positive integer`);
  } else if (!isDuration(value)) {
    problems.push(
      `${file}: ${path} must be a duration like 24h, 7d, 3mo or 5y (got ${JSON.stringify(value)})`,
    );
  }
}

function requireAll(value: unknown, shape: unknown, path: string, file: string, problems: string[]): void {
  if (!isObj(shape)) return;
  for (const k of Object.keys(shape)) {
    const p = path ? `${path}.${k}` : k;
    if (!isObj(value) || !(k in value)) problems.push(`${file}: missing key ${p}`);
    else requireAll(value[k], shape[k], p, file, problems);
  }
}

function leaves(tree: unknown, path = ''): string[] {
  if (!isObj(tree)) return [path];
  return Object.entries(tree).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
}

function merge(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [k, v] of Object.entries(over))
    out[k] = isObj(v) && isObj(base[k]) ? merge(base[k] as Tree, v) : v;
  return out;
}

// The reference shape every policy file is checked against (values are placeholders).
const SHAPE: Policy = {
  assessment: { initialDue: { high: '1d', medium: '1d', low: '1d' } },
  casePlan: { dueAfterAssessment: { high: '1d', medium: '1d', low: '1d' }, maxAfterReturn: '1d' },
  followUp: {
    interval: { high: '1d', medium: '1d', low: '1d' },
    postReturnCheckpoints: [],
    postClosure: [],
    lostContactAfterMissed: 1,
  },
  caseReview: { every: '1d' },
  referral: { responseDeadline: { emergency: '1d', priority: '1d', routine: '1d' } },
  escalation: { caseworker: '1d', supervisor: '1d', leadUnit: '1d' },
  ageOfMajority: { age: 1, extensionMaxAge: 1, warnBefore: '1d' },
  aggregates: { smallCellThreshold: 1 },
  retention: { anonymizeAfterClosure: '1d' },
};

function readYaml(path: string, label: string, problems: string[]): unknown {
  try {
    return parse(readFileSync(path, 'utf8')) ?? {};
  } catch (e) {
    problems.push(`${label}: not valid YAML (${(e as Error).message.split('\n')[0]})`);
    return {};
  }
}

/** Reads and validates config/policy; throws PolicyError naming every bad file and key. */
export function loadPolicy(configDir: string): LoadedPolicy {
  const problems: string[] = [];
  const dir = join(configDir, 'policy');
  const defaultPath = join(dir, 'default.yaml');
  const defaultFile = relative(process.cwd(), defaultPath) || defaultPath;
  if (!existsSync(defaultPath)) throw new PolicyError([`${defaultFile} not found`]);
  const defaults = readYaml(defaultPath, defaultFile, problems);
  check(defaults, SHAPE, '', defaultFile, problems);
  requireAll(defaults, SHAPE, '', defaultFile, problems);

  const countries = new Map<string, { policy: Policy; sources: Map<string, string> }>();
  const overrides = new Map<string, { tree: Tree; file: string }>();
  const cdir = join(dir, 'countries');
  for (const name of existsSync(cdir) ? readdirSync(cdir).filter((f) => /\.ya?ml$/.test(f)) : []) {
    const code = name.replace(/\.ya?ml$/, '').toUpperCase();
    const file = relative(process.cwd(), join(cdir, name)) || name;
    if (!CRM_COUNTRY_CODES.includes(code)) {
      problems.push(`${file}: ${code} is not a CRM member country (${CRM_COUNTRY_CODES.join(', ')})`);
      continue;
    }
    const tree = readYaml(join(cdir, name), file, problems);
    check(tree, SHAPE, '', file, problems);
    if (isObj(tree)) overrides.set(code, { tree, file });
  }
  if (problems.length) throw new PolicyError(problems);

  for (const code of CRM_COUNTRY_CODES) {
    const o = overrides.get(code);
    const sources = new Map<string, string>(leaves(defaults).map((k) => [k, defaultFile]));
    if (o) for (const k of leaves(o.tree)) sources.set(k, o.file);
    countries.set(code, {
      policy: (o ? merge(defaults as Tree, o.tree) : defaults) as unknown as Policy,
      sources,
    });
  }
  return { defaults: defaults as Policy, countries, defaultFile };
}

export type { RuleSource };
