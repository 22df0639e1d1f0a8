import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ConfigError } from '../config/env';
import { IndicatorCatalog, loadIndicatorCatalog } from './indicator-catalog';
import { loadVocabularyFile, VocabularyTerm } from './vocabulary-file';

/**
 * Every term-list vocabulary of config/vocabularies/, with the keys an entry may carry besides
 * code, es and en. A file not named here (or in INDICATOR_VOCABULARY) stops the boot: a typo in a
 * file name would otherwise be served as nothing.
 */
export const TERM_VOCABULARIES = {
  'assessment-domains': [],
  'consent-purposes': [],
  'data-categories': ['class'],
  'immediate-needs': [],
  'interview-topics': [],
  languages: [],
  'means-of-return': [],
  'protection-concerns': [],
  'service-types': ['needs'],
} as const satisfies Record<string, readonly string[]>;
export type TermVocabularyName = keyof typeof TERM_VOCABULARIES;

/** The reintegration indicator set: scales, dimensions and indicators rather than a term list. */
export const INDICATOR_VOCABULARY = 'reintegration-indicators';
export type VocabularyName = TermVocabularyName | typeof INDICATOR_VOCABULARY;

export const VOCABULARY_NAMES: VocabularyName[] = [
  ...(Object.keys(TERM_VOCABULARIES) as TermVocabularyName[]),
  INDICATOR_VOCABULARY,
].sort() as VocabularyName[];

export const DATA_CATEGORY_CLASSES = ['operational', 'identifying', 'sensitive'] as const;
export type CategoryClass = (typeof DATA_CATEGORY_CLASSES)[number];

/** A term with whatever extra keys its vocabulary declares (`class`, `needs`). */
export interface Term extends VocabularyTerm {
  class?: CategoryClass;
  needs?: string[];
}

export interface LoadedVocabularies {
  terms: Map<TermVocabularyName, Term[]>;
  indicators: IndicatorCatalog;
}

const SNAKE = /^[a-z][a-z0-9_]*$/;

/** The checks of one vocabulary beyond the common ones of loadVocabularyFile. */
function extraCheck(name: TermVocabularyName, categories?: Set<string>): (t: Partial<Term>) => string[] {
  if (name === 'data-categories')
    return (t) =>
      DATA_CATEGORY_CLASSES.includes(t.class as CategoryClass)
        ? []
        : [`class must be one of ${DATA_CATEGORY_CLASSES.join(', ')}`];
  if (name === 'service-types')
    return (t) => [
      ...(t.code && !SNAKE.test(t.code) ? ['code must be snake_case'] : []),
      ...(!Array.isArray(t.needs) || !t.needs.length
        ? ['needs must list data categories']
        : t.needs
            .filter((n) => categories && !categories.has(n))
            .map((n) => `unknown data category ${n} in needs`)),
    ];
  return () => [];
}

/**
 * Reads and checks every file of <configDir>/vocabularies once: each term list, the service
 * types' needs against the data categories, and the indicator set. Every problem of every file
 * is reported together in one ConfigError, so a broken file stops the process at boot with its
 * name, entry and key.
 */
export function loadVocabularies(configDir: string): LoadedVocabularies {
  const dir = join(configDir, 'vocabularies');
  const problems: string[] = [];
  const collect = <T>(load: () => T): T | undefined => {
    try {
      return load();
    } catch (e) {
      if (e instanceof ConfigError) problems.push(...e.problems);
      else throw e;
      return undefined;
    }
  };
  if (existsSync(dir)) {
    const known = new Set<string>(VOCABULARY_NAMES);
    for (const f of readdirSync(dir)
      .filter((x) => /\.ya?ml$/.test(x))
      .sort()) {
      const name = f.replace(/\.ya?ml$/, '');
      if (!known.has(name) || f.endsWith('.yml'))
        problems.push(
          `${relative(process.cwd(), join(dir, f)) || f}: not a known vocabulary (${VOCABULARY_NAMES.join(', ')})`,
        );
    }
  }
  const terms = new Map<TermVocabularyName, Term[]>();
  // Data categories first: the service types' needs are checked against them.
  const order = Object.keys(TERM_VOCABULARIES).sort((a, b) =>
    a === 'data-categories' ? -1 : b === 'data-categories' ? 1 : 0,
  ) as TermVocabularyName[];
  for (const name of order) {
    const loaded = terms.get('data-categories');
    // Without valid data categories the needs cannot be checked (their own problems are reported).
    const categories = loaded && new Set(loaded.map((t) => t.code));
    const list = collect(() =>
      loadVocabularyFile<Term>(configDir, name, TERM_VOCABULARIES[name], extraCheck(name, categories)),
    );
    if (list)
      terms.set(
        name,
        list.map((t) => ({ ...t, ...(t.needs ? { needs: [...t.needs] } : {}) })),
      );
  }
  const indicators = collect(() => loadIndicatorCatalog(configDir));
  if (problems.length || !indicators) throw new ConfigError(problems);
  return { terms, indicators };
}
