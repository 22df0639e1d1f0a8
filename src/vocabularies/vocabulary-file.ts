import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { ConfigError } from '../config/env';

/** A term of a configurable vocabulary: its code and its es/en labels. */
export interface VocabularyTerm {
  code: string;
  es: string;
  en: string;
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/**
 * Reads config/vocabularies/<name>.yaml, a list of terms with code, es, en and only the `extra`
 * keys the vocabulary declares, and checks every entry: a broken file stops the process at boot
 * naming the file, the entry and the key. An unquoted comma inside a flow mapping is the usual
 * culprit: YAML then cuts the label short and adds a key with a null value. `check` adds the
 * vocabulary's own problems for an entry, reported together with the rest.
 */
export function loadVocabularyFile<T extends VocabularyTerm>(
  configDir: string,
  name: string,
  extra: readonly string[] = [],
  check: (term: Partial<T>) => string[] = () => [],
): T[] {
  const path = join(configDir, 'vocabularies', `${name}.yaml`);
  const file = relative(process.cwd(), path) || path;
  if (!existsSync(path)) throw new ConfigError([`${file} not found`]);
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError([`${file}: not valid YAML (${(e as Error).message.split('\n')[0]})`]);
  }
  if (!Array.isArray(raw)) throw new ConfigError([`${file}: must be a list of terms`]);
  const allowed = new Set(['code', 'es', 'en', ...extra]);
  const problems: string[] = [];
  const seen = new Set<string>();
  raw.forEach((t: unknown, i) => {
    const at = `${file}[${i}]`;
    if (typeof t !== 'object' || t === null || Array.isArray(t))
      return void problems.push(`${at}: must be a mapping`);
    const term = t as Record<string, unknown>;
    for (const [key, value] of Object.entries(term)) {
      if (!allowed.has(key)) problems.push(`${at}: unknown key "${key}" (quote values that contain commas)`);
      else if (value === null || value === undefined) problems.push(`${at}: ${key} is empty`);
    }
    if (!isText(term.code)) problems.push(`${at}: code must be text`);
    else if (seen.has(term.code)) problems.push(`${at}: duplicate code ${term.code}`);
    else seen.add(term.code);
    for (const label of ['es', 'en'])
      if (!isText(term[label])) problems.push(`${at}: ${label} label must be text`);
    problems.push(...check(term as Partial<T>).map((p) => `${at}: ${p}`));
  });
  if (problems.length) throw new ConfigError(problems);
  return raw as T[];
}
