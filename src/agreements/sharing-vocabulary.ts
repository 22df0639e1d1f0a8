import { Inject, Injectable } from '@nestjs/common';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';
import { loadVocabularyFile, VocabularyTerm } from '../config/vocabulary-file';
import { ServiceTypeCatalog } from '../directory/service-types';

export type CategoryClass = 'operational' | 'identifying' | 'sensitive';

interface CategoryEntry extends VocabularyTerm {
  class: CategoryClass;
}

/**
 * The vocabularies that decide what may be shared: data categories (with their class), consent
 * purposes and, from the directory's service-type catalog, what each service type needs. Loaded
 * once at boot; a bad file stops the process with the file's name.
 */
@Injectable()
export class SharingVocabulary {
  private readonly categories: Map<string, CategoryClass>;
  private readonly purposes: Set<string>;
  constructor(
    @Inject(ENV) env: Env,
    private readonly services: ServiceTypeCatalog,
  ) {
    const categories = loadVocabularyFile<CategoryEntry>(env.configDir, 'data-categories', ['class']);
    this.categories = new Map(categories.map((c) => [c.code, c.class]));
    this.purposes = new Set(loadVocabularyFile(env.configDir, 'consent-purposes').map((p) => p.code));
  }

  isCategory(code: string): boolean {
    return this.categories.has(code);
  }

  isSensitive(code: string): boolean {
    return this.categories.get(code) === 'sensitive';
  }

  sensitiveCategories(): string[] {
    return [...this.categories].filter(([, c]) => c === 'sensitive').map(([code]) => code);
  }

  isPurpose(code: string): boolean {
    return this.purposes.has(code);
  }

  isServiceType(code: string): boolean {
    return this.services.has(code);
  }

  /** The categories a service type needs; empty for an unknown type. */
  serviceNeeds(code: string): string[] {
    return this.services.has(code) ? this.services.needs(code) : [];
  }

  serviceTypes(): string[] {
    return this.services.all().map((s) => s.code);
  }
}
