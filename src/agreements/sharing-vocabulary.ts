import { Injectable } from '@nestjs/common';
import type { FieldIssue } from '../common/errors/app-error';
import { unknownCode, Vocabularies } from '../vocabularies/vocabularies.service';
import type { CategoryClass } from '../vocabularies/vocabulary-catalog';

export type { CategoryClass };

/**
 * What decides what may be shared, read from the vocabularies: data categories (with their
 * class), consent purposes and what each service type needs.
 */
@Injectable()
export class SharingVocabulary {
  constructor(private readonly vocab: Vocabularies) {}

  isCategory(code: string): boolean {
    return this.vocab.has('data-categories', code);
  }

  isSensitive(code: string): boolean {
    return this.vocab.categoryClass(code) === 'sensitive';
  }

  sensitiveCategories(): string[] {
    return this.vocab.codes('data-categories').filter((c) => this.isSensitive(c));
  }

  isPurpose(code: string): boolean {
    return this.vocab.has('consent-purposes', code);
  }

  isServiceType(code: string): boolean {
    return this.vocab.has('service-types', code);
  }

  /** The categories a service type needs; empty for an unknown type. */
  serviceNeeds(code: string): string[] {
    return this.vocab.serviceNeeds(code);
  }

  serviceTypes(): string[] {
    return this.vocab.codes('service-types');
  }

  /** Field issues for purposes, categories or a service type outside their vocabularies. */
  check(
    name: 'consent-purposes' | 'data-categories' | 'service-types',
    field: string,
    values: string[] | string | undefined,
  ): FieldIssue[] {
    return this.vocab.check(name, field, values);
  }

  /** Field issues for categories that are not sensitive ones (an override names only those). */
  checkSensitive(field: string, values: string[] | undefined): FieldIssue[] {
    const sensitive = this.sensitiveCategories();
    return (values ?? []).flatMap((c, i) =>
      this.isSensitive(c) ? [] : [unknownCode('sensitive data-categories', `${field}.${i}`, c, sensitive)],
    );
  }
}
