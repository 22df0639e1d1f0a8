import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AppModule } from '../app.module';
import { errorCatalog } from '../common/errors/app-error';
import { analyseControllers } from './code-analysis';
import { repoRoot } from './committed-document';
import { buildOpenApiDocument } from './openapi-document';
import type { OpenApiDocument } from './openapi-types';

/**
 * Builds the document without connecting to anything: Nest's preview mode registers modules and
 * controllers but instantiates no provider, so PostgreSQL, Redis and the env are not needed.
 */
export async function generateOpenApiDocument(root: string = repoRoot()): Promise<OpenApiDocument> {
  const app = await NestFactory.create(AppModule, new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    const code = analyseControllers(root, new Set(errorCatalog().keys()));
    return buildOpenApiDocument(app, code);
  } finally {
    await app.close();
  }
}

/** The committed form: two-space JSON and a final newline, so diffs stay readable. */
export function serializeOpenApi(document: OpenApiDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
