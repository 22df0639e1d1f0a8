import { Body, Controller, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ApiProperty } from '@nestjs/swagger';
import { errorCatalog } from '../common/errors/app-error';
import { committedOpenApiDocument } from './committed-document';
import { buildOpenApiDocument } from './openapi-document';
import { generateOpenApiDocument, serializeOpenApi } from './openapi-generate';
import type { OpenApiDocument, SchemaObject } from './openapi-types';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
type Op = SchemaObject & { key: string; path: string; method: string };

/**
 * The rules a client generator needs, checked on EVERY operation of the generated document
 * (not a fixed list: routes added later are held to them too), and the committed openapi.json
 * checked against the code.
 */
describe('OpenAPI document', () => {
  let doc: OpenApiDocument;
  let ops: Op[];

  beforeAll(async () => {
    doc = await generateOpenApiDocument();
    ops = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, SchemaObject>)
        .filter(([m]) => METHODS.includes(m))
        .map(([method, op]) => ({ ...op, key: `${method.toUpperCase()} ${path}`, path, method })),
    );
  }, 120_000);

  const each = (check: (op: Op) => string | undefined): string[] =>
    ops
      .map((op) => {
        const why = check(op);
        return why ? `${op.key}: ${why}` : '';
      })
      .filter(Boolean);

  it('has operations to check', () => {
    expect(ops.length).toBeGreaterThan(50);
  });

  it('declares a success schema, or an explicit 204, on every operation', () => {
    expect(
      each((op) => {
        const success = Object.entries(op.responses as Record<string, SchemaObject>).filter(([s]) =>
          /^2/.test(s),
        );
        if (success.length !== 1) return `${success.length} success responses`;
        const [status, response] = success[0];
        if (status === '204') return response.content ? '204 with a body' : undefined;
        const content = Object.entries((response.content ?? {}) as Record<string, SchemaObject>);
        if (!content.length) return `${status} without content`;
        const empty = content.filter(([, c]) => !c.schema || Object.keys(c.schema).length === 0);
        return empty.length ? `${status} ${empty.map(([t]) => t).join(',')} without a schema` : undefined;
      }),
    ).toEqual([]);
  });

  it('describes every error as problem+json naming its codes, each code under its own status', () => {
    expect(
      each((op) => {
        for (const [status, response] of Object.entries(op.responses as Record<string, SchemaObject>)) {
          if (/^2/.test(status)) continue;
          const media = response.content?.['application/problem+json'];
          // A body declared by a decorator (readiness's 503) may stand beside problem+json.
          if (!media && !Object.keys(response.content ?? {}).length) return `${status} has no body`;
          if (!media) continue;
          const codes: string[] = media.schema?.allOf?.[1]?.properties?.code?.enum ?? [];
          if (!codes.length) return `${status} names no code`;
          for (const code of codes) {
            const spec = errorCatalog().get(code);
            if (!spec) return `${status} names unknown code ${code}`;
            if (String(spec.status) !== status) return `${code} is a ${spec.status}, listed under ${status}`;
            if (!media.examples?.[code]) return `${status} has no example for ${code}`;
          }
        }
        return undefined;
      }),
    ).toEqual([]);
  });

  it('lists the errors every operation can meet by its shape', () => {
    const codesOf = (op: Op) =>
      Object.values(op.responses as Record<string, SchemaObject>).flatMap(
        (r) => r.content?.['application/problem+json']?.schema?.allOf?.[1]?.properties?.code?.enum ?? [],
      );
    expect(
      each((op) => {
        const codes = codesOf(op);
        const params = (op.parameters ?? []) as SchemaObject[];
        const needs: string[] = ['SERVICE_UNAVAILABLE', 'DATABASE_UNAVAILABLE'];
        if (op.requestBody || params.some((p) => p.in === 'query' || p.in === 'path'))
          needs.push('VALIDATION_FAILED');
        if (op.requestBody) needs.push('MALFORMED_REQUEST', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE');
        if (params.some((p) => p.in === 'path')) needs.push('NOT_FOUND');
        if (!isPublic(op)) needs.push('UNAUTHENTICATED');
        if (params.some((p) => p.name === 'Idempotency-Key')) needs.push('IDEMPOTENCY_KEY_REUSED');
        const missing = needs.filter((c) => !codes.includes(c));
        return missing.length ? `missing ${missing.join(', ')}` : undefined;
      }),
    ).toEqual([]);
  });

  it('shows public routes without the lock, and every other route with the bearer scheme', () => {
    const open = ops.filter(isPublic).map((op) => op.key);
    expect(open).toEqual(
      expect.arrayContaining([
        'GET /health/live',
        'GET /health/ready',
        'POST /api/v1/auth/login',
        'POST /api/v1/referrals/inbound/status',
      ]),
    );
    expect(open).not.toContain('GET /api/v1/cases');
    expect(doc.security).toEqual([{ bearer: [] }]);
    expect(each((op) => (op.security && op.security.length ? 'has its own security' : undefined))).toEqual(
      [],
    );
  });

  it('never requires Accept-Language and offers it on every operation', () => {
    expect(doc.components?.parameters?.AcceptLanguage).toMatchObject({ in: 'header', required: false });
    expect(
      each((op) => {
        const params = (op.parameters ?? []) as SchemaObject[];
        if (params.some((p) => String(p.name).toLowerCase() === 'accept-language'))
          return 'declares its own Accept-Language';
        return params.some((p) => p.$ref === '#/components/parameters/AcceptLanguage')
          ? undefined
          : 'no Accept-Language';
      }),
    ).toEqual([]);
  });

  it('gives ids and dates realistic examples, wherever they appear', () => {
    const bare: string[] = [];
    const walk = (s: SchemaObject | undefined, where: string, name?: string): void => {
      if (!s || typeof s !== 'object' || s.$ref) return;
      const idOrDate =
        s.type === 'string' &&
        (['uuid', 'date', 'date-time'].includes(s.format) || (name && /(^id|Id|At)$/.test(name)));
      if (idOrDate && s.example === undefined && !s.enum) bare.push(`${where}${name ? `.${name}` : ''}`);
      if (s.example === 'string') bare.push(`${where}.${name}: "string"`);
      for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, SchemaObject>))
        walk(v, where, k);
      walk(s.items, where, name?.replace(/Ids$/, 'Id'));
      for (const key of ['allOf', 'oneOf', 'anyOf'])
        for (const v of (s[key] ?? []) as SchemaObject[]) walk(v, where, name);
      if (typeof s.additionalProperties === 'object') walk(s.additionalProperties, where);
    };
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {}))
      walk(schema as SchemaObject, name);
    for (const op of ops) {
      for (const p of (op.parameters ?? []) as SchemaObject[]) walk(p.schema, op.key, p.name);
      for (const [status, r] of Object.entries(op.responses as Record<string, SchemaObject>)) {
        for (const [type, c] of Object.entries((r.content ?? {}) as Record<string, SchemaObject>)) {
          walk(c.schema, `${op.key} ${status} ${type}`);
        }
      }
    }
    expect(bare).toEqual([]);
  });

  it('documents /cases/{id}/reopen with its required version (no schema name collision)', () => {
    const ref: string = (doc.paths['/api/v1/cases/{id}/reopen'].post as SchemaObject).requestBody.content[
      'application/json'
    ].schema.$ref;
    const schema = doc.components!.schemas![ref.split('/').pop()!] as SchemaObject;
    expect(schema.required).toEqual(expect.arrayContaining(['version', 'reason']));
  });

  it('puts the error catalog after the operations (a schema), not in the description', () => {
    expect(doc.info.description).not.toMatch(/\| code \|/);
    const catalog = doc.components!.schemas!.ProblemCode as SchemaObject;
    expect([...catalog.enum].sort()).toEqual([...errorCatalog().keys()].sort());
    expect(catalog.description).toContain('| `CASE_NOT_FOUND` | 404 |');
  });

  it('is the committed openapi.json (run `npm run openapi:write` after changing a route)', () => {
    expect(serializeOpenApi(doc) === serializeOpenApi(committedOpenApiDocument()!)).toBe(true);
  });

  it('refuses two DTO classes with the same name (the second would silently replace the first)', async () => {
    const first = (() => {
      class ClashDto {
        @ApiProperty() a: string;
      }
      return ClashDto;
    })();
    const second = (() => {
      class ClashDto {
        @ApiProperty() b: number;
      }
      return ClashDto;
    })();
    @Controller('clash')
    class ClashController {
      @Post('one') one(@Body() _dto: InstanceType<typeof first>) {}
      @Post('two') two(@Body() _dto: InstanceType<typeof second>) {}
    }
    Reflect.defineMetadata('design:paramtypes', [first], ClashController.prototype, 'one');
    Reflect.defineMetadata('design:paramtypes', [second], ClashController.prototype, 'two');
    @Module({ controllers: [ClashController] })
    class ClashModule {}
    const app = await NestFactory.create(ClashModule, new FastifyAdapter(), { preview: true, logger: false });
    try {
      expect(() => buildOpenApiDocument(app, { operations: new Map(), schemas: {}, classes: [] })).toThrow(
        /collision.*ClashDto/s,
      );
    } finally {
      await app.close();
    }
  });

  it('renames a returned interface named like a DTO class, and keeps the DTO when it is that class', async () => {
    class SameNameDto {
      @ApiProperty() a: string;
    }
    @Controller('same')
    class SameController {
      @Post() create(@Body() _dto: SameNameDto) {}
    }
    Reflect.defineMetadata('design:paramtypes', [SameNameDto], SameController.prototype, 'create');
    @Module({ controllers: [SameController] })
    class SameModule {}
    const app = await NestFactory.create(SameModule, new FastifyAdapter(), { preview: true, logger: false });
    const shape = { type: 'object', properties: { other: { type: 'boolean' } } };
    const facts = (classes: string[]) => ({
      operations: new Map([
        [
          'SameController_create',
          {
            operationId: 'SameController_create',
            errorCodes: [],
            json: { $ref: '#/components/schemas/SameNameDto' },
          },
        ],
      ]),
      schemas: { SameNameDto: shape },
      classes,
    });
    try {
      const asInterface = buildOpenApiDocument(app, facts([]));
      expect(asInterface.components!.schemas!.SameNameDtoResponse).toEqual(shape);
      expect(asInterface.components!.schemas!.SameNameDto).toMatchObject({
        properties: { a: { type: 'string' } },
      });
      expect(
        (asInterface.paths['/same'].post as SchemaObject).responses['201'].content['application/json'].schema,
      ).toEqual({
        $ref: '#/components/schemas/SameNameDtoResponse',
      });
      const asClass = buildOpenApiDocument(app, facts(['SameNameDto']));
      expect(asClass.components!.schemas!.SameNameDtoResponse).toBeUndefined();
      expect(asClass.components!.schemas!.SameNameDto).toMatchObject({
        properties: { a: { type: 'string' } },
      });
    } finally {
      await app.close();
    }
  });
});

function isPublic(op: SchemaObject): boolean {
  return Array.isArray(op.security) && op.security.length === 0;
}
