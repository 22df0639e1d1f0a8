import type { OpenAPIObject } from '@nestjs/swagger';

/** The OpenAPI document and its schema objects, as plain JSON (what openapi.json holds). */
export type OpenApiDocument = OpenAPIObject;
export type SchemaObject = Record<string, any>;
