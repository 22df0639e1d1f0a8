import { AppError, errorCatalog } from '../common/errors/app-error';
import { renderProblem } from '../common/errors/problem.filter';
import type { SchemaObject } from './openapi-types';
import type { RouteFacts } from './route-facts';

const PROBLEM = 'application/problem+json';

/** The codes an operation can answer with, from its shape, its decorators and its code. */
export function problemCodes(
  op: { parameters?: { in: string }[]; requestBody?: unknown },
  route: RouteFacts,
  thrown: readonly string[],
  takesIdempotencyKey: boolean,
): string[] {
  const codes = new Set(thrown);
  const hasInput = !!op.requestBody || (op.parameters ?? []).some((p) => p.in === 'query' || p.in === 'path');
  if (hasInput) codes.add('VALIDATION_FAILED');
  if (op.requestBody) {
    for (const c of ['MALFORMED_REQUEST', 'UNSTORABLE_VALUE', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'])
      codes.add(c);
  }
  if ((op.parameters ?? []).some((p) => p.in === 'path')) codes.add('NOT_FOUND');
  if (!route.public) codes.add('UNAUTHENTICATED');
  if (route.authorized) codes.add('FORBIDDEN');
  if (takesIdempotencyKey) {
    for (const c of [
      'INVALID_IDEMPOTENCY_KEY',
      'IDEMPOTENCY_KEY_REUSED',
      'IDEMPOTENCY_KEY_IN_PROGRESS',
      'IDEMPOTENCY_OUTCOME_UNKNOWN',
    ]) {
      codes.add(c);
    }
  }
  // Any request can meet a shutdown or a database outage.
  codes.add('SERVICE_UNAVAILABLE');
  codes.add('DATABASE_UNAVAILABLE');
  // A 500 is a bug, not part of the contract.
  codes.delete('INTERNAL');
  codes.delete('ROUTE_NOT_FOUND');
  return [...codes].filter((c) => errorCatalog().has(c)).sort();
}

/** `{ "404": {...}, "409": {...} }`: one problem+json response per status, naming its codes. */
export function problemResponses(codes: string[]): Record<string, SchemaObject> {
  const byStatus = new Map<number, string[]>();
  for (const code of codes) {
    const status = errorCatalog().get(code)!.status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<string, SchemaObject> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const examples: Record<string, SchemaObject> = {};
    for (const code of list) examples[code] = { $ref: `#/components/examples/${code}` };
    out[String(status)] = {
      description: list.map((c) => `\`${c}\``).join(', '),
      content: {
        [PROBLEM]: {
          schema: {
            allOf: [
              { $ref: '#/components/schemas/Problem' },
              { properties: { code: { type: 'string', enum: list } } },
            ],
          },
          examples,
        },
      },
    };
  }
  return out;
}

/** One example body per code, shared by every operation that can answer with it. */
export function problemExamples(): Record<string, SchemaObject> {
  const out: Record<string, SchemaObject> = {};
  for (const [code, spec] of [...errorCatalog()].sort(([a], [b]) => a.localeCompare(b))) {
    out[code] = { summary: spec.title.en, value: exampleProblem(code) };
  }
  return out;
}

function exampleProblem(code: string): SchemaObject {
  const spec = errorCatalog().get(code)!;
  const params = { ...EXAMPLE_PARAMS, requestId: EXAMPLE_REQUEST_ID };
  const problem = renderProblem(new AppError(code, spec, params), 'es', EXAMPLE_INSTANCE, EXAMPLE_REQUEST_ID);
  if (code === 'VALIDATION_FAILED') {
    problem.errors = [{ field: 'lastNames', code: 'isDefined', message: 'es obligatorio' }];
  }
  // Unfilled placeholders (params a given error uses) stay visible as `{name}`: fine for a sample.
  return JSON.parse(JSON.stringify(problem)) as SchemaObject;
}

const EXAMPLE_REQUEST_ID = 'req-7f3a2c';

/** Sample values for the placeholders of error details (`{status}`, `{id}`...). */
const EXAMPLE_PARAMS: Record<string, unknown> = {
  retryAfterSeconds: 5,
  expected: 3,
  actual: 4,
  id: '0b6f3c1e-5d2a-4c8e-9f47-2a1d6e3b8c90',
  caseId: '3f2a9c4e-7b1d-4e6a-8c5f-1d9e0a2b7c64',
  country: 'GT',
  purpose: 'health_care',
  serviceType: 'health_care',
  status: 'draft',
  event: 'accept',
  categories: 'health',
  maxRows: 5000,
  maxAge: 21,
  limit: '2029-06-30',
  why: 'signature expired',
  metric: 'open-cases',
  available: 'open-cases, overdue-follow-ups, referrals, closures',
  queue: 'system',
  from: 'registration',
  to: 'closed',
  count: 2,
  topics: 'family_situation',
  method: 'GET',
  path: '/api/v1/cases/0b6f3c1e-5d2a-4c8e-9f47-2a1d6e3b8c90',
};

const EXAMPLE_INSTANCE = '/api/v1/cases/0b6f3c1e-5d2a-4c8e-9f47-2a1d6e3b8c90';

/** The shared Problem schema and the code catalog, rendered after the operations in Swagger UI. */
export function problemComponents(): Record<string, SchemaObject> {
  const codes = [...errorCatalog().keys()].sort();
  const table = codes
    .map((code) => {
      const s = errorCatalog().get(code)!;
      return `| \`${code}\` | ${s.status} | ${s.title.en} | ${s.title.es} |`;
    })
    .join('\n');
  return {
    Problem: {
      type: 'object',
      description:
        'RFC 9457 problem details. `title`, `detail` and `errors[].message` are in Spanish (default) or English by `Accept-Language`.',
      required: ['type', 'title', 'status', 'code'],
      properties: {
        type: { type: 'string', example: 'urn:enlace:problem:validation-failed' },
        title: { type: 'string', example: 'La solicitud tiene datos inválidos' },
        status: { type: 'integer', example: 400 },
        detail: { type: 'string', example: 'Revise los campos señalados.' },
        instance: { type: 'string', example: '/api/v1/cases' },
        code: { $ref: '#/components/schemas/ProblemCode' },
        requestId: { type: 'string', example: EXAMPLE_REQUEST_ID },
        errors: {
          type: 'array',
          description: 'One entry per invalid field (the first rule it failed).',
          items: {
            type: 'object',
            required: ['field', 'code', 'message'],
            properties: {
              field: { type: 'string', example: 'child.dateOfBirth' },
              code: { type: 'string', example: 'isDateString' },
              message: { type: 'string', example: 'debe ser una fecha (AAAA-MM-DD)' },
            },
          },
        },
      },
      additionalProperties: true,
    },
    ProblemCode: {
      type: 'string',
      description: `Every error code of the API.\n\n| code | status | title (en) | título (es) |\n|---|---|---|---|\n${table}`,
      enum: codes,
    },
  };
}
