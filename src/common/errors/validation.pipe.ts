import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldIssue } from './app-error';
import { CommonErrors } from './common.errors';

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

/** Global pipe: unknown fields are rejected, payloads are transformed to their DTO classes. */
export function appValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => CommonErrors.VALIDATION_FAILED({}, flatten(errors)),
  });
}
