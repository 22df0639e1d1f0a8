import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { parse } from 'yaml';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';

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
  const dir = join(configDir, 'vocabularies');
  const categories = new Set(
    (parse(readFileSync(join(dir, 'data-categories.yaml'), 'utf8')) as { code: string }[]).map((c) => c.code),
  );
  const raw = parse(readFileSync(join(dir, 'service-types.yaml'), 'utf8')) as unknown;
  const problems: string[] = [];
  if (!Array.isArray(raw)) throw new Error('service-types.yaml must be a list');
  const seen = new Set<string>();
  const out = raw.map((e: Partial<ServiceType>, i) => {
    const where = `service-types.yaml[${i}]`;
    if (!e?.code || !/^[a-z][a-z0-9_]*$/.test(e.code)) problems.push(`${where}: code must be snake_case`);
    else if (seen.has(e.code)) problems.push(`${where}: duplicate code ${e.code}`);
    else seen.add(e.code);
    if (!e?.es || !e?.en) problems.push(`${where}: es and en names are required`);
    if (!Array.isArray(e?.needs) || !e.needs.length)
      problems.push(`${where}: needs must list data categories`);
    else
      for (const n of e.needs)
        if (!categories.has(n)) problems.push(`${where}: unknown data category ${n} in needs`);
    return { code: e.code!, es: e.es!, en: e.en!, needs: [...(e.needs ?? [])] };
  });
  if (problems.length) throw new Error(`Invalid service types:\n  - ${problems.join('\n  - ')}`);
  return out;
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
