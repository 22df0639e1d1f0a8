import { INestApplication, Logger } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { takesIdempotencyKey } from '../idempotency/idempotency-scope';
import type { CodeFacts, OperationFacts } from './code-analysis';
import { exampleFor } from './examples';
import type { OpenApiDocument, SchemaObject } from './openapi-types';
import { problemCodes, problemComponents, problemExamples, problemResponses } from './problem-responses';
import { routeFacts } from './route-facts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The API's OpenAPI document: Nest's metadata (paths, parameters, request bodies), completed
 * with what the code says (success schemas and error codes, from code-analysis.ts) and the
 * conventions every operation shares (problem+json errors, Accept-Language, Idempotency-Key,
 * public routes without a security requirement). openapi.json at the repo root is this
 * document; `npm run openapi:check` fails when the two differ.
 */
export function buildOpenApiDocument(app: INestApplication, analysed: CodeFacts): OpenApiDocument {
  const config = new DocumentBuilder()
    .setTitle('Enlace API')
    .setDescription(
      'Case management for the reintegration of migrant and returned children (NNA) in the CRM countries.\n\n' +
        'Every error is RFC 9457 `application/problem+json` with a stable `code`, field-level `errors` and a `requestId`; ' +
        'messages are in Spanish (default) or English by `Accept-Language`. Each operation lists the codes it can ' +
        'answer with; the full catalog is the `ProblemCode` schema, at the end of this page.\n\n' +
        'Client POSTs take an optional `Idempotency-Key` header: a retry with the same key and body replays the first answer.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addSecurityRequirements('bearer')
    .build();
  const document = createDocumentStrictly(app, config);
  const code = withoutNameClashes(analysed, Object.keys(document.components?.schemas ?? {}));
  const routes = routeFacts(app);
  document.components ??= {};
  document.components.parameters = {
    AcceptLanguage: {
      name: 'Accept-Language',
      in: 'header',
      required: false,
      description: 'Language of messages, error titles and CSV headers: `es` (default) or `en`.',
      schema: { type: 'string', example: 'es' },
    },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = item[method] as SchemaObject | undefined;
      if (!op) continue;
      const operationId = op.operationId ?? '';
      const route = routes.get(operationId) ?? { public: false, authorized: false };
      const facts = code.operations.get(operationId);
      if (route.public) op.security = [];
      const idempotent = method === 'post' && takesIdempotencyKey('POST', path) && !route.public;
      op.parameters = [
        ...((op.parameters ?? []) as SchemaObject[]).filter(
          (p) => !(p.in === 'header' && String(p.name).toLowerCase() === 'accept-language'),
        ),
        { $ref: '#/components/parameters/AcceptLanguage' },
        ...(idempotent ? [idempotencyKeyParameter()] : []),
      ];
      for (const p of op.parameters as SchemaObject[])
        if (p.schema) addExamples(p.schema as SchemaObject, p.name);
      // A route with only error decorators gets no default success response from Nest.
      const declared = op.responses as Record<string, SchemaObject> | undefined;
      const fallback = String(route.httpCode ?? (method === 'post' ? 201 : 200));
      const hasSuccess = Object.keys(declared ?? {}).some((s) => /^2/.test(s));
      const success = successResponses(
        hasSuccess ? declared : { ...declared, [fallback]: { description: '' } },
        facts,
      );
      const codes = problemCodes(op, route, facts?.errorCodes ?? [], idempotent);
      op.responses = { ...success, ...errorResponses(op.responses, problemResponses(codes)) };
    }
  }
  const schemas: Record<string, SchemaObject> = { ...code.schemas, ...(document.components.schemas ?? {}) };
  Object.assign(schemas, problemComponents());
  for (const schema of Object.values(schemas)) addExamples(schema);
  document.components.schemas = sortKeys(referencedOnly(schemas, document.paths, Object.keys(code.schemas)));
  document.components.examples = problemExamples();
  return document;
}

/**
 * A returned type named like a DTO schema: a class is the DTO itself (its decorators describe it,
 * so the DTO's schema stands); an interface is another shape, renamed `<Name>Response`.
 */
function withoutNameClashes(code: CodeFacts, dtoNames: string[]): CodeFacts {
  const renames = new Map<string, string>();
  const taken = new Set([...dtoNames, ...Object.keys(code.schemas)]);
  for (const name of Object.keys(code.schemas).filter((n) => dtoNames.includes(n))) {
    if (code.classes.includes(name)) continue;
    let renamed = `${name}Response`;
    for (let i = 2; taken.has(renamed); i++) renamed = `${name}Response${i}`;
    taken.add(renamed);
    renames.set(name, renamed);
  }
  const rewrite = <T>(value: T): T => {
    let json = JSON.stringify(value);
    for (const [from, to] of renames)
      json = json.split(`"#/components/schemas/${from}"`).join(`"#/components/schemas/${to}"`);
    return JSON.parse(json) as T;
  };
  const schemas: Record<string, SchemaObject> = {};
  for (const [name, schema] of Object.entries(code.schemas)) {
    if (dtoNames.includes(name) && !renames.has(name)) continue; // the DTO class's own schema stands
    schemas[renames.get(name) ?? name] = rewrite(schema);
  }
  const operations = new Map([...code.operations].map(([id, facts]) => [id, rewrite(facts)]));
  return { operations, schemas, classes: code.classes };
}

/** createDocument, refusing the silent last-one-wins of two DTO classes with the same name. */
function createDocumentStrictly(
  app: INestApplication,
  config: ReturnType<DocumentBuilder['build']>,
): OpenApiDocument {
  const warnings: string[] = [];
  const original = Logger.warn.bind(Logger);
  Logger.warn = (message: unknown, ...rest: unknown[]) => {
    if (typeof message === 'string' && message.includes('Duplicate DTO')) warnings.push(message);
    else original(message, ...(rest as []));
  };
  try {
    const document = SwaggerModule.createDocument(app, config);
    if (warnings.length) throw new Error(`OpenAPI schema name collision:\n${warnings.join('\n')}`);
    return document;
  } finally {
    Logger.warn = original;
  }
}

const SUCCESS_TEXT: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '202': 'Accepted',
  '204': 'No content',
};

/**
 * The 2xx response Nest knows (status from @HttpCode), with the body the code returns: JSON from
 * the return type unless a decorator already declared one, text in the handler's media types.
 */
function successResponses(
  responses: Record<string, SchemaObject> | undefined,
  facts: OperationFacts | undefined,
): Record<string, SchemaObject> {
  const out: Record<string, SchemaObject> = {};
  for (const [status, response] of Object.entries(responses ?? {})) {
    if (!/^2/.test(status)) continue;
    const content: Record<string, SchemaObject> = { ...(response.content ?? {}) };
    if (!content['application/json'] && facts?.json) content['application/json'] = { schema: facts.json };
    for (const type of facts?.text ?? []) {
      content[type] ??= { schema: type === 'text/csv' ? CSV_SCHEMA : { type: 'string' } };
    }
    const description = response.description || SUCCESS_TEXT[status] || 'Success';
    out[status] = Object.keys(content).length ? { description, content } : { description };
  }
  return out;
}

const CSV_SCHEMA = {
  type: 'string',
  description: 'UTF-8 with a byte order mark.',
  example: 'Caso,Estado\r\nGT-2026-000123,abierto\r\n',
};

/**
 * The generated problem+json responses, merged with error responses a decorator declared: its
 * description leads, and a body it declares (e.g. readiness's 503) sits beside problem+json.
 */
function errorResponses(
  declared: Record<string, SchemaObject> | undefined,
  problems: Record<string, SchemaObject>,
): Record<string, SchemaObject> {
  const out: Record<string, SchemaObject> = { ...problems };
  for (const [status, response] of Object.entries(declared ?? {})) {
    if (/^2/.test(status)) continue;
    const generated = problems[status];
    out[status] = generated
      ? {
          description: response.description
            ? `${response.description}. Codes: ${generated.description}`
            : generated.description,
          content: { ...(response.content ?? {}), ...generated.content },
        }
      : response;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

function idempotencyKeyParameter(): SchemaObject & { name: string; in: 'header' } {
  return {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'Retry safely: the same key with the same request returns the first answer (Idempotent-Replayed: true) for 24 h; with another request, 422.',
    schema: { type: 'string', minLength: 1, maxLength: 255, example: '5f0c7a52-3b0e-4f5e-9d61-0c1f2a7b8e91' },
  };
}

/** Fills in realistic examples (ids, dates, codes) where a schema has none, recursively. */
function addExamples(schema: SchemaObject, name?: string): void {
  if (!schema || typeof schema !== 'object' || schema.$ref) return;
  if (
    schema.example === undefined &&
    (schema.type === 'string' || schema.type === 'integer' || schema.type === 'number')
  ) {
    const example = exampleFor(name, schema);
    if (example !== undefined) {
      schema.example = example;
      if (
        schema.type === 'string' &&
        !schema.format &&
        !schema.enum &&
        /^[0-9a-f]{8}-[0-9a-f-]{27}$/.test(String(example))
      ) {
        schema.format = 'uuid';
      }
    }
  }
  for (const [prop, sub] of Object.entries((schema.properties ?? {}) as Record<string, SchemaObject>)) {
    addExamples(sub, prop);
  }
  if (schema.items) addExamples(schema.items, name?.replace(/Ids$/, 'Id'));
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    for (const sub of (schema[key] ?? []) as SchemaObject[]) addExamples(sub, name);
  }
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    addExamples(schema.additionalProperties);
  }
}

/**
 * Drops the returned types no response ended up using (a handler whose decorator already declares
 * its body, e.g. AuditEntryPage, still had its own return type analysed).
 */
function referencedOnly(
  schemas: Record<string, SchemaObject>,
  paths: unknown,
  droppable: string[],
): Record<string, SchemaObject> {
  const used = new Set<string>();
  const pending = [
    JSON.stringify(paths),
    ...Object.entries(schemas)
      .filter(([n]) => !droppable.includes(n))
      .map(([, s]) => JSON.stringify(s)),
  ];
  while (pending.length) {
    for (const [, name] of pending.pop()!.matchAll(/#\/components\/schemas\/([^"]+)"/g)) {
      if (used.has(name)) continue;
      used.add(name);
      pending.push(JSON.stringify(schemas[name] ?? {}));
    }
  }
  return Object.fromEntries(Object.entries(schemas).filter(([n]) => used.has(n) || !droppable.includes(n)));
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
