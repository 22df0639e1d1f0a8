import { Inject, Injectable } from '@nestjs/common';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';
import { addDuration } from './duration';
import { LoadedPolicy, loadPolicy } from './policy-loader';
import { explainRule, Policy, Rule } from './policy.types';

/**
 * Answers "which rule applies to this country" and where it came from. Loaded and validated
 * once at boot: a bad policy file stops the process with a message naming the file and key.
 */
@Injectable()
export class PolicyService {
  private readonly loaded: LoadedPolicy;

  constructor(@Inject(ENV) env: Env) {
    this.loaded = loadPolicy(env.configDir);
  }

  /** The merged policy for a CRM country (ISO 3166-1 alpha-2). */
  for(country: string): Policy {
    return this.entry(country).policy;
  }

  /** A single rule by dotted key, with its source file: `rule('GT', 'followUp.interval.high')`. */
  rule<T = unknown>(country: string, key: string): Rule<T> {
    const { policy, sources } = this.entry(country);
    const value = key
      .split('.')
      .reduce<unknown>((node, k) => (node as Record<string, unknown> | undefined)?.[k], policy);
    if (value === undefined) throw new Error(`Unknown policy key ${key}`);
    const file =
      sources.get(key) ?? [...sources].find(([k]) => k.startsWith(`${key}.`))?.[1] ?? this.loaded.defaultFile;
    return { value: value as T, source: { file, key } };
  }

  /** Applies a duration rule to a date and says why: the building block of every due date. */
  due(country: string, key: string, from: Date): { at: Date; explain: string } {
    const rule = this.rule<string>(country, key);
    return { at: addDuration(from, rule.value), explain: explainRule(rule) };
  }

  private entry(country: string) {
    const e = this.loaded.countries.get(country.toUpperCase());
    if (!e) throw new Error(`No policy for country ${country}`);
    return e;
  }
}
