import { Inject, Injectable } from '@nestjs/common';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';
import { loadVocabularyFile, VocabularyTerm as Term } from '../config/vocabulary-file';
import type { FieldIssue } from '../common/errors/app-error';

export const CASE_VOCABULARIES = [
  'protection-concerns',
  'means-of-return',
  'immediate-needs',
  'assessment-domains',
  'interview-topics',
  'consent-purposes',
  'data-categories',
  'languages',
] as const;
export type CaseVocabulary = (typeof CASE_VOCABULARIES)[number];

/**
 * The configurable vocabularies the case module validates against (config/vocabularies/*.yaml),
 * loaded once at boot; a missing or malformed file stops the process.
 */
@Injectable()
export class CaseVocabularies {
  private readonly terms = new Map<CaseVocabulary, Map<string, Term>>();

  constructor(@Inject(ENV) env: Env) {
    for (const name of CASE_VOCABULARIES) {
      const extra = name === 'data-categories' ? ['class'] : [];
      const list = loadVocabularyFile(env.configDir, name, extra);
      this.terms.set(name, new Map(list.map((t) => [t.code, t])));
    }
  }

  has(vocabulary: CaseVocabulary, code: string): boolean {
    return this.terms.get(vocabulary)!.has(code);
  }

  codes(vocabulary: CaseVocabulary): string[] {
    return [...this.terms.get(vocabulary)!.keys()];
  }

  /** Field issues for every value not in the vocabulary (empty when all are known). */
  check(
    vocabulary: CaseVocabulary,
    field: string,
    values: string[] | string | undefined | null,
  ): FieldIssue[] {
    if (values === undefined || values === null) return [];
    const list = Array.isArray(values) ? values : [values];
    return list
      .map((v, i) => ({ v, i }))
      .filter(({ v }) => !this.has(vocabulary, v))
      .map(({ v, i }) => ({
        field: Array.isArray(values) ? `${field}.${i}` : field,
        code: 'vocabulary',
        message: {
          es: `"${v}" no está en el vocabulario ${vocabulary}.`,
          en: `"${v}" is not in the ${vocabulary} vocabulary.`,
        },
      }));
  }
}
