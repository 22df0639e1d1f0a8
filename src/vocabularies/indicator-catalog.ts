import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { ConfigError } from '../config/env';

export interface ScaleAnswer {
  value: string;
  score: number;
  es: string;
  en: string;
}
export interface IndicatorScale {
  code: string;
  es: string;
  en: string;
  answers: ScaleAnswer[];
  min: number;
  max: number;
}
export interface IndicatorDimension {
  code: string;
  weight: number;
  es: string;
  en: string;
}
export interface IndicatorDef {
  code: string;
  dimension: string;
  scale: IndicatorScale;
  weight: number;
  inverse: boolean;
  es: string;
  en: string;
}
export interface IndicatorCatalog {
  file: string;
  dimensions: IndicatorDimension[];
  indicators: IndicatorDef[];
  byCode: Map<string, IndicatorDef>;
}

/** A configuration error (the process prints it and stops at boot), named for the indicator set. */
export class IndicatorConfigError extends ConfigError {
  constructor(problems: string[]) {
    super(problems);
    this.message = `Invalid reintegration indicator set:\n  - ${problems.join('\n  - ')}`;
    this.name = 'IndicatorConfigError';
  }
}

type Tree = Record<string, unknown>;
const isObj = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const CODE = /^[a-z][a-z0-9_]*$/;

/**
 * Reads config/vocabularies/reintegration-indicators.yaml and checks it completely, so a bad
 * indicator set stops the process at boot with every problem named (file, entry, field).
 */
export function loadIndicatorCatalog(configDir: string): IndicatorCatalog {
  const path = join(configDir, 'vocabularies', 'reintegration-indicators.yaml');
  const file = relative(process.cwd(), path) || path;
  if (!existsSync(path)) throw new IndicatorConfigError([`${file} not found`]);
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new IndicatorConfigError([`${file}: not valid YAML (${(e as Error).message.split('\n')[0]})`]);
  }
  return validateIndicatorCatalog(raw, file);
}

export function validateIndicatorCatalog(raw: unknown, file: string): IndicatorCatalog {
  const problems: string[] = [];
  const p = (msg: string) => problems.push(`${file}: ${msg}`);
  if (!isObj(raw))
    throw new IndicatorConfigError([`${file}: must be a mapping with scales, dimensions, indicators`]);
  for (const k of Object.keys(raw))
    if (!['scales', 'dimensions', 'indicators'].includes(k)) p(`unknown key ${k}`);

  const scales = new Map<string, IndicatorScale>();
  if (!isObj(raw.scales)) p('scales must be a mapping of scale code to its answers');
  else
    for (const [code, s] of Object.entries(raw.scales)) {
      const at = `scales.${code}`;
      if (!CODE.test(code)) p(`${at}: code must be lower_snake_case`);
      if (!isObj(s)) {
        p(`${at} must be a mapping`);
        continue;
      }
      if (!isText(s.es) || !isText(s.en)) p(`${at} needs es and en labels`);
      const answers: ScaleAnswer[] = [];
      if (!Array.isArray(s.answers) || s.answers.length < 2)
        p(`${at}.answers must list at least two answers`);
      else
        s.answers.forEach((a: unknown, i: number) => {
          const aat = `${at}.answers[${i}]`;
          if (!isObj(a)) return void p(`${aat} must be a mapping`);
          if (!isText(a.value)) p(`${aat}.value must be text (quote numbers: '0')`);
          if (typeof a.score !== 'number' || !Number.isFinite(a.score)) p(`${aat}.score must be a number`);
          if (!isText(a.es) || !isText(a.en)) p(`${aat} needs es and en labels`);
          if (answers.some((x) => x.value === a.value)) p(`${aat}.value ${String(a.value)} is repeated`);
          answers.push({
            value: String(a.value),
            score: Number(a.score),
            es: String(a.es),
            en: String(a.en),
          });
        });
      const scores = answers.map((a) => a.score).filter(Number.isFinite);
      const min = Math.min(...scores);
      const max = Math.max(...scores);
      if (scores.length >= 2 && min === max) p(`${at}: answers must not all have the same score`);
      scales.set(code, { code, es: String(s.es), en: String(s.en), answers, min, max });
    }

  const dimensions: IndicatorDimension[] = [];
  if (!Array.isArray(raw.dimensions) || !raw.dimensions.length) p('dimensions must be a non-empty list');
  else
    raw.dimensions.forEach((d: unknown, i: number) => {
      const at = `dimensions[${i}]`;
      if (!isObj(d)) return void p(`${at} must be a mapping`);
      if (!isText(d.code) || !CODE.test(d.code)) p(`${at}.code must be lower_snake_case`);
      if (d.code === 'overall') p(`${at}.code "overall" is reserved for the overall score`);
      if (typeof d.weight !== 'number' || !(d.weight > 0)) p(`${at}.weight must be a positive number`);
      if (!isText(d.es) || !isText(d.en)) p(`${at} needs es and en labels`);
      if (dimensions.some((x) => x.code === d.code)) p(`${at}.code ${String(d.code)} is repeated`);
      dimensions.push({ code: String(d.code), weight: Number(d.weight), es: String(d.es), en: String(d.en) });
    });

  const indicators: IndicatorDef[] = [];
  if (!Array.isArray(raw.indicators) || !raw.indicators.length) p('indicators must be a non-empty list');
  else
    raw.indicators.forEach((x: unknown, i: number) => {
      const at = `indicators[${i}]`;
      if (!isObj(x)) return void p(`${at} must be a mapping`);
      const known = ['code', 'dimension', 'scale', 'weight', 'inverse', 'es', 'en'];
      for (const k of Object.keys(x)) if (!known.includes(k)) p(`${at}: unknown key ${k}`);
      if (!isText(x.code) || !CODE.test(x.code)) p(`${at}.code must be lower_snake_case`);
      if (indicators.some((y) => y.code === x.code)) p(`${at}.code ${String(x.code)} is repeated`);
      if (!dimensions.some((d) => d.code === x.dimension))
        p(`${at}.dimension ${JSON.stringify(x.dimension)} is not one of the dimensions`);
      const scale = scales.get(String(x.scale));
      if (!scale) p(`${at}.scale ${JSON.stringify(x.scale)} is not one of the scales`);
      if (typeof x.weight !== 'number' || !(x.weight > 0)) p(`${at}.weight must be a positive number`);
      if (x.inverse !== undefined && typeof x.inverse !== 'boolean') p(`${at}.inverse must be true or false`);
      if (!isText(x.es) || !isText(x.en)) p(`${at} needs es and en labels`);
      if (scale)
        indicators.push({
          code: String(x.code),
          dimension: String(x.dimension),
          scale,
          weight: Number(x.weight),
          inverse: x.inverse === true,
          es: String(x.es),
          en: String(x.en),
        });
    });
  for (const d of dimensions)
    if (!indicators.some((x) => x.dimension === d.code)) p(`dimension ${d.code} has no indicators`);
  if (problems.length) throw new IndicatorConfigError(problems);
  return { file, dimensions, indicators, byCode: new Map(indicators.map((x) => [x.code, x])) };
}
