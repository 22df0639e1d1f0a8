import { Inject, Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';
import { ServiceTypeCatalog } from '../directory/service-types';

export type CategoryClass = 'operational' | 'identifying' | 'sensitive';

interface CategoryEntry {
  code: string;
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
    const dir = join(env.configDir, 'vocabularies');
    const load = <T>(file: string): T[] => {
      const path = join(dir, file);
      const value = parse(readFileSync(path, 'utf8')) as unknown;
      if (!Array.isArray(value)) throw new Error(`${path} must be a list`);
      return value as T[];
    };
    this.categories = new Map(load<CategoryEntry>('data-categories.yaml').map((c) => [c.code, c.class]));
    this.purposes = new Set(load<{ code: string }>('consent-purposes.yaml').map((p) => p.code));
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
