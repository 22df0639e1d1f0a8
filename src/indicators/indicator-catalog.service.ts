import { Injectable } from '@nestjs/common';
import type { Lang } from '../common/errors/lang';
import type { IndicatorCatalog } from '../vocabularies/indicator-catalog';
import { Vocabularies } from '../vocabularies/vocabularies.service';

/** The configured indicator set, as the vocabularies loaded and checked it at boot. */
@Injectable()
export class IndicatorCatalogService {
  readonly catalog: IndicatorCatalog;

  constructor(vocab: Vocabularies) {
    this.catalog = vocab.indicators;
  }

  dimensionCodes(): string[] {
    return this.catalog.dimensions.map((d) => d.code);
  }

  /** Dimension labels in one language, plus `overall`. */
  dimensionLabels(lang: Lang): Record<string, string> {
    const out: Record<string, string> = {};
    for (const d of this.catalog.dimensions) out[d.code] = d[lang];
    out.overall = lang === 'es' ? 'General' : 'Overall';
    return out;
  }
}
