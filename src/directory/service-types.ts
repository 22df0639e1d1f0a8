import { Inject, Injectable } from '@nestjs/common';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';
import { loadVocabularyFile } from '../config/vocabulary-file';

export interface ServiceType {
  code: string;
  es: string;
  en: string;
  /** Data categories (data-categories.yaml) the service needs: the referral snapshot's upper bound. */
  needs: string[];
}

/**
 * Reads and checks config/vocabularies/service-types.yaml against data-categories.yaml. Throws
 * with every problem named, so a bad file stops the process at boot.
 */
export function loadServiceTypes(configDir: string): ServiceType[] {
  const categories = new Set(loadVocabularyFile(configDir, 'data-categories', ['class']).map((c) => c.code));
  const raw = loadVocabularyFile<ServiceType>(configDir, 'service-types', ['needs'], (e) => [
    ...(e.code && !/^[a-z][a-z0-9_]*$/.test(e.code) ? ['code must be snake_case'] : []),
    ...(!Array.isArray(e.needs) || !e.needs.length
      ? ['needs must list data categories']
      : e.needs.filter((n) => !categories.has(n)).map((n) => `unknown data category ${n} in needs`)),
  ]);
  return raw.map((e) => ({ code: e.code, es: e.es, en: e.en, needs: [...e.needs] }));
}

/** The service-type vocabulary, for agencies' offers and referrals' data minimization. */
@Injectable()
export class ServiceTypeCatalog {
  private readonly types: ServiceType[];
  private readonly byCode: Map<string, ServiceType>;

  constructor(@Inject(ENV) env: Env) {
    this.types = loadServiceTypes(env.configDir);
    this.byCode = new Map(this.types.map((t) => [t.code, t]));
  }

  all(): ServiceType[] {
    return this.types;
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  /** The data categories a service needs; throws for an unknown code. */
  needs(code: string): string[] {
    const t = this.byCode.get(code);
    if (!t) throw new Error(`Unknown service type ${code}`);
    return t.needs;
  }
}
