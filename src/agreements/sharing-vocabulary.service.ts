import { Inject, Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';

export type CategoryClass = 'operational' | 'identifying' | 'sensitive';

interface CategoryEntry {
  code: string;
  class: CategoryClass;
}
interface ServiceNeeds {
  code: string;
  needs: string[];
}

/**
 * The vocabularies that decide what may be shared: data categories (with their class), consent
 * purposes and what each referral service type needs. Loaded once at boot; a bad file stops the
 * process with the file's name.
 */
@Injectable()
export class SharingVocabulary {
  private readonly categories: Map<string, CategoryClass>;
  private readonly purposes: Set<string>;
  private readonly services: Map<string, string[]>;

  constructor(@Inject(ENV) env: Env) {
    const dir = join(env.configDir, 'vocabularies');
    const load = <T>(file: string): T[] => {
      const path = join(dir, file);
      const value = parse(readFileSync(path, 'utf8')) as unknown;
      if (!Array.isArray(value)) throw new Error(`${path} must be a list`);
      return value as T[];
    };
    this.categories = new Map(load<CategoryEntry>('data-categories.yaml').map((c) => [c.code, c.class]));
    this.purposes = new Set(load<{ code: string }>('consent-purposes.yaml').map((p) => p.code));
    const needs = load<ServiceNeeds>('referral-service-needs.yaml');
    for (const s of needs) {
      const unknown = s.needs.filter((c) => !this.categories.has(c));
      if (unknown.length)
        throw new Error(
          `referral-service-needs.yaml: ${s.code} needs unknown categories ${unknown.join(', ')}`,
        );
    }
    this.services = new Map(needs.map((s) => [s.code, s.needs]));
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
    return this.services.get(code) ?? [];
  }

  serviceTypes(): string[] {
    return [...this.services.keys()];
  }
}
