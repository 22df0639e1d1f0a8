import { Inject, Injectable } from '@nestjs/common';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';
import type { Lang } from '../common/errors/lang';
import { IndicatorCatalog, loadIndicatorCatalog } from './indicator-catalog';

/** The configured indicator set, loaded and validated once at boot (a bad file stops the process). */
@Injectable()
export class IndicatorCatalogService {
  readonly catalog: IndicatorCatalog;

  constructor(@Inject(ENV) env: Env) {
    this.catalog = loadIndicatorCatalog(env.configDir);
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
