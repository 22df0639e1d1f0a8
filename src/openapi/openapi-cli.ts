import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './committed-document';
import { generateOpenApiDocument, serializeOpenApi } from './openapi-generate';

/**
 * `write`: regenerates openapi.json at the repository root from the code.
 * `check`: fails (exit 1) when the committed openapi.json differs from what the code produces.
 */
async function main(mode: string | undefined): Promise<number> {
  if (mode !== 'write' && mode !== 'check') {
    console.error('usage: openapi-cli write|check');
    return 2;
  }
  const root = repoRoot();
  const file = path.join(root, 'openapi.json');
  const fresh = serializeOpenApi(await generateOpenApiDocument(root));
  if (mode === 'write') {
    writeFileSync(file, fresh);
    console.log(`wrote ${path.relative(process.cwd(), file) || file}`);
    return 0;
  }
  let committed: string;
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    console.error('openapi.json is missing: run `npm run openapi:write` and commit it');
    return 1;
  }
  if (committed === fresh) {
    console.log('openapi.json matches the code');
    return 0;
  }
  const a = committed.split('\n');
  const b = fresh.split('\n');
  const line = a.findIndex((l, i) => l !== b[i]);
  console.error(
    `openapi.json differs from the code (first difference at line ${line + 1}):\n` +
      `  committed: ${a[line] ?? '(end of file)'}\n  from code: ${b[line] ?? '(end of file)'}\n` +
      'Run `npm run openapi:write` and commit openapi.json.',
  );
  return 1;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('openapi:', e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
