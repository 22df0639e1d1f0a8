import { interpolate, Lang, Localized } from './lang';

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `child.dateOfBirth`. */
  field: string;
  /** Stable machine code, e.g. `isDateString`, `whitelistValidation`. */
  code: string;
  /** Template parameters for the translated message. */
  params?: Record<string, unknown>;
  /** A ready message in both languages (otherwise it comes from the validation catalog). */
  message?: Localized;
}

export interface ErrorSpec {
  status: number;
  title: Localized;
  /** Optional detail template; `{name}` placeholders are filled from the error's params. */
  detail?: Localized;
}

const catalog = new Map<string, ErrorSpec>();

/** Every error code known to the app, for the API docs and the catalog spec. */
export function errorCatalog(): ReadonlyMap<string, ErrorSpec> {
  return catalog;
}

/**
 * An expected failure with a stable code, rendered by the problem filter as RFC 9457
 * problem+json in the caller's language. Throw it from services; never throw raw HttpExceptions.
 */
export class AppError extends Error {
  constructor(
    public readonly code: string,
    public readonly spec: ErrorSpec,
    public readonly params: Record<string, unknown> = {},
    public readonly issues: FieldIssue[] = [],
    /** RFC 9457 extension members added to the body after the standard ones (e.g. `candidates`). */
    public readonly extensions: Record<string, unknown> = {},
  ) {
    super(`${code}: ${interpolate(spec.detail?.en ?? spec.title.en, params)}`);
    this.name = 'AppError';
  }

  get status(): number {
    return this.spec.status;
  }

  title(lang: Lang): string {
    return this.spec.title[lang];
  }

  detail(lang: Lang): string | undefined {
    return this.spec.detail ? interpolate(this.spec.detail[lang], this.params) : undefined;
  }
}

type Factory = (
  params?: Record<string, unknown>,
  issues?: FieldIssue[],
  extensions?: Record<string, unknown>,
) => AppError;

/**
 * Declares a module's error codes once. `defineErrors({ CASE_NOT_FOUND: {...} })` returns
 * factories: `throw CaseErrors.CASE_NOT_FOUND({ id })`. Codes must be unique app-wide.
 */
export function defineErrors<K extends string>(specs: Record<K, ErrorSpec>): Record<K, Factory> {
  const out = {} as Record<K, Factory>;
  for (const code of Object.keys(specs) as K[]) {
    const existing = catalog.get(code);
    if (existing && existing !== specs[code]) throw new Error(`Error code ${code} is defined twice`);
    catalog.set(code, specs[code]);
    out[code] = (params, issues, extensions) => new AppError(code, specs[code], params, issues, extensions);
  }
  return out;
}
