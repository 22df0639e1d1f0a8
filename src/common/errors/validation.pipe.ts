import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldIssue } from './app-error';
import { CommonErrors } from './common.errors';
import { int4Issues, rawInputIssues } from './input-limits';

/** Checked first: once a value is of the wrong kind, its length or range says nothing useful. */
const KIND_FIRST = [
  'whitelistValidation',
  'isDefined',
  'isNotEmpty',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isArray',
  'isObject',
  'isUuid',
  'isUUID',
  'isDateString',
  'isISO8601',
  'isDate',
  'isEnum',
  'isIn',
];

/**
 * One issue per field: a caseworker reads "is required" for a missing field, not three messages
 * about the type and length of a value that is not there; otherwise the first rule that failed,
 * kind before length and range.
 */
function firstFailure(e: ValidationError): [string, string] | undefined {
  const entries = Object.entries(e.constraints ?? {});
  if (!entries.length) return undefined;
  if (e.value === undefined || e.value === null) {
    const whitelisted = entries.find(([code]) => code === 'whitelistValidation');
    return whitelisted ?? ['isDefined', 'required'];
  }
  const rank = (code: string) => {
    const i = KIND_FIRST.indexOf(code);
    return i === -1 ? KIND_FIRST.length : i;
  };
  return entries.reduce((best, cur) => (rank(cur[0]) < rank(best[0]) ? cur : best));
}

function flatten(errors: ValidationError[], prefix = ''): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const first = firstFailure(e);
    if (first) out.push({ field, code: first[0], params: constraintParams(e, first[0], first[1]) });
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

// class-validator keeps the constraint arguments in its metadata, not in the error: recover the
// ones our messages need from the English default text ("must be one of the following values: a, b").
function constraintParams(e: ValidationError, code: string, raw: string): Record<string, unknown> {
  const ctx = e.contexts?.[code] as Record<string, unknown> | undefined;
  const params: Record<string, unknown> = { ...(ctx ?? {}) };
  const values = /following values: (.*)$/.exec(raw);
  if (values) params.values = values[1];
  const nums = raw.match(/-?\d+(\.\d+)?/g);
  if (nums) nums.forEach((n, i) => (params[String(i)] = n));
  return params;
}

/**
 * The class-validator pipe, guarded on both sides by rules every input shares: before
 * transformation the raw value must be shallow enough and storable as text (input-limits.ts);
 * after it, every integer must fit int4. Custom parameter decorators (the actor) are not input.
 */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return super.transform(value, metadata);
    const field = metadata.data ?? '';
    const raw = rawInputIssues(value, field);
    if (raw.length) throw CommonErrors.VALIDATION_FAILED({}, raw);
    const out: unknown = await super.transform(value, metadata);
    const range = int4Issues(out, field);
    if (range.length) throw CommonErrors.VALIDATION_FAILED({}, range);
    return out;
  }
}

/** Global pipe: unknown fields are rejected, payloads are transformed to their DTO classes. */
export function appValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The value tells a missing field from a wrong one; it is never rendered or logged.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => CommonErrors.VALIDATION_FAILED({}, flatten(errors)),
  });
}
