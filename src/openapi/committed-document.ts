import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { OpenApiDocument } from './openapi-types';

/** The directory holding package.json (the repo root, or /app in the image), from src/ or dist/src/. */
export function repoRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** openapi.json beside package.json, if present. */
export function committedOpenApiDocument(root: string = repoRoot()): OpenApiDocument | undefined {
  const file = path.join(root, 'openapi.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument) : undefined;
}
