import { Injectable } from '@nestjs/common';
import { Vocabularies } from '../vocabularies/vocabularies.service';
import { loadVocabularies } from '../vocabularies/vocabulary-catalog';

export interface ServiceType {
  code: string;
  es: string;
  en: string;
  /** Data categories (data-categories.yaml) the service needs: the referral snapshot's upper bound. */
  needs: string[];
}

const asServiceType = (t: { code: string; es: string; en: string; needs?: string[] }): ServiceType => ({
  code: t.code,
  es: t.es,
  en: t.en,
  needs: [...(t.needs ?? [])],
});

/** The service types of a config directory, checked with all the vocabularies (for specs and tools). */
export function loadServiceTypes(configDir: string): ServiceType[] {
  return (loadVocabularies(configDir).terms.get('service-types') ?? []).map(asServiceType);
}

/** The service-type vocabulary, for agencies' offers and referrals' data minimization. */
@Injectable()
export class ServiceTypeCatalog {
  constructor(private readonly vocab: Vocabularies) {}

  all(): ServiceType[] {
    return this.vocab.terms('service-types').map(asServiceType);
  }

  has(code: string): boolean {
    return this.vocab.has('service-types', code);
  }
}
