import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldIssue } from './app-error';
import { CommonErrors } from './common.errors';
import { int4Issues, rawInputIssues } from './input-limits';

function flatten(errors: ValidationError[], prefix = ''): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [code, raw] of Object.entries(e.constraints ?? {})) {
      out.push({ field, code, params: constraintParams(e, code, raw) });
    }
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
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => CommonErrors.VALIDATION_FAILED({}, flatten(errors)),
  });
}
