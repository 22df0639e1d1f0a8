import { Inject, Injectable } from '@nestjs/common';
import type { FieldIssue } from '../common/errors/app-error';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';
import { CODE_LISTS, CODE_LIST_NAMES, CodeListName } from './code-lists';
import type { IndicatorCatalog } from './indicator-catalog';
import {
  CategoryClass,
  INDICATOR_VOCABULARY,
  loadVocabularies,
  Term,
  TermVocabularyName,
  VOCABULARY_NAMES,
  VocabularyName,
} from './vocabulary-catalog';

/** A vocabulary as the API serves it: every term with both labels, so a client builds its forms. */
export interface VocabularyView {
  name: VocabularyName | CodeListName;
  /** true: a fixed code list of the API (states, kinds); false: configurable (config/vocabularies). */
  fixed: boolean;
  terms: Record<string, unknown>[];
  /** Only for reintegration-indicators: the dimensions its indicators are grouped in. */
  dimensions?: { code: string; es: string; en: string }[];
}

/**
 * The configurable vocabularies (config/vocabularies/*.yaml), loaded and checked once at boot by
 * this provider alone; a missing or malformed file stops the process. Every module reads its
 * codes, labels and extras here, and every check of a code a request carries goes through
 * `check`, whose message names the valid codes.
 */
@Injectable()
export class Vocabularies {
  private readonly byName = new Map<TermVocabularyName, Map<string, Term>>();
  readonly indicators: IndicatorCatalog;
  private readonly views: VocabularyView[];

  constructor(@Inject(ENV) env: Env) {
    const loaded = loadVocabularies(env.configDir);
    for (const [name, list] of loaded.terms) this.byName.set(name, new Map(list.map((t) => [t.code, t])));
    this.indicators = loaded.indicators;
    this.views = [
      ...VOCABULARY_NAMES.map((name) => this.view(name)),
      ...CODE_LIST_NAMES.map((name) => ({
        name,
        fixed: true,
        terms: CODE_LISTS[name].map((t) => ({ ...t })),
      })),
    ];
  }

  /** Every name `find` knows: the configurable vocabularies, then the fixed code lists. */
  static readonly NAMES: string[] = [...VOCABULARY_NAMES, ...CODE_LIST_NAMES];

  /** Every vocabulary, by name. */
  all(): VocabularyView[] {
    return this.views;
  }

  /** One vocabulary, or undefined for an unknown name. */
  find(name: string): VocabularyView | undefined {
    return this.views.find((v) => v.name === name);
  }

  terms(name: TermVocabularyName): Term[] {
    return [...this.map(name).values()];
  }

  has(name: TermVocabularyName, code: string): boolean {
    return this.map(name).has(code);
  }

  codes(name: TermVocabularyName): string[] {
    return [...this.map(name).keys()];
  }

  /** The class of a data category (undefined for an unknown code). */
  categoryClass(code: string): CategoryClass | undefined {
    return this.map('data-categories').get(code)?.class;
  }

  /** The data categories a service type needs; empty for an unknown type. */
  serviceNeeds(code: string): string[] {
    return this.map('service-types').get(code)?.needs ?? [];
  }

  /**
   * Field issues for every value not in the vocabulary (empty when all are known), each naming
   * the valid codes. A list is checked item by item (`field.0`, `field.1`…).
   */
  check(name: TermVocabularyName, field: string, values: string[] | string | undefined | null): FieldIssue[] {
    if (values === undefined || values === null) return [];
    const list = Array.isArray(values) ? values : [values];
    return list.flatMap((v, i) =>
      this.has(name, v)
        ? []
        : [unknownCode(name, Array.isArray(values) ? `${field}.${i}` : field, v, this.codes(name))],
    );
  }

  private map(name: TermVocabularyName): Map<string, Term> {
    const m = this.byName.get(name);
    if (!m) throw new Error(`Unknown vocabulary ${name}`);
    return m;
  }

  private view(name: VocabularyName): VocabularyView {
    if (name !== INDICATOR_VOCABULARY)
      return { name, fixed: false, terms: this.terms(name).map((t) => ({ ...t })) };
    return {
      name,
      fixed: false,
      terms: this.indicators.indicators.map((x) => ({
        code: x.code,
        es: x.es,
        en: x.en,
        dimension: x.dimension,
        answers: x.scale.answers.map((a) => ({ value: a.value, es: a.es, en: a.en })),
      })),
      dimensions: this.indicators.dimensions.map((d) => ({ code: d.code, es: d.es, en: d.en })),
    };
  }
}

/**
 * The one field issue for a code outside its vocabulary (`code: vocabulary`), naming the valid
 * codes; `codes` may be a subset when the field takes only some (sensitive categories).
 */
export function unknownCode(vocabulary: string, field: string, value: string, codes: string[]): FieldIssue {
  // Codes only: a value that is not a code is cut short, the list of valid codes is not.
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return {
    field,
    code: 'vocabulary',
    params: { vocabulary, codes: codes.join(', ') },
    message: {
      es: `"${shown}" no es un código válido de ${vocabulary}. Códigos válidos: ${codes.join(', ')}.`,
      en: `"${shown}" is not a valid ${vocabulary} code. Valid codes: ${codes.join(', ')}.`,
    },
  };
}
