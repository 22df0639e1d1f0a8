import { FieldIssue } from './app-error';

/** Deeper than any DTO (a family contact's name is 4 levels down); the transformer recurses per level. */
export const MAX_INPUT_DEPTH = 32;
/** Every integer the API accepts is stored in an int4 column (versions, limits, ages). */
export const INT4_MAX = 2_147_483_647;
export const INT4_MIN = -2_147_483_648;

// PostgreSQL text cannot hold U+0000, and an unpaired surrogate cannot be encoded as UTF-8.
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const join = (prefix: string, key: string | number) => (prefix ? `${prefix}.${key}` : String(key));

function stringIssue(s: string, field: string): FieldIssue | undefined {
  if (s.includes('\u0000')) return { field, code: 'noNulCharacter' };
  if (UNPAIRED_SURROGATE.test(s)) return { field, code: 'wellFormedText' };
  return undefined;
}

/**
 * Checks raw input (parsed body, query or path parameter) before it is transformed: nesting
 * within MAX_INPUT_DEPTH (reported on the top-level field holding it), and every string and key
 * storable as text. The walk stops at the depth limit, so it cannot overflow the stack itself.
 */
export function rawInputIssues(value: unknown, field = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const walk = (v: unknown, path: string, depth: number, top: string): void => {
    if (typeof v === 'string') {
      const issue = stringIssue(v, path || top);
      if (issue) issues.push(issue);
      return;
    }
    if (v === null || typeof v !== 'object') return;
    if (depth >= MAX_INPUT_DEPTH) {
      issues.push({ field: top || '(body)', code: 'maxDepth', params: { 0: MAX_INPUT_DEPTH } });
      return;
    }
    for (const [k, child] of Object.entries(v)) {
      const path2 = join(path, k);
      const keyIssue = stringIssue(k, path2);
      if (keyIssue) issues.push(keyIssue);
      else walk(child, path2, depth + 1, top || path2);
    }
  };
  walk(value, field, 0, field);
  return issues;
}

/** Integers of the transformed DTO outside int4 (query strings are numbers only after transformation). */
export function int4Issues(value: unknown, field = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const walk = (v: unknown, path: string, depth: number): void => {
    if (typeof v === 'number' && Number.isInteger(v)) {
      if (v > INT4_MAX) issues.push({ field: path, code: 'max', params: { 0: INT4_MAX } });
      else if (v < INT4_MIN) issues.push({ field: path, code: 'min', params: { 0: INT4_MIN } });
      return;
    }
    if (v === null || typeof v !== 'object' || depth >= MAX_INPUT_DEPTH) return;
    for (const [k, child] of Object.entries(v)) walk(child, join(path, k), depth + 1);
  };
  walk(value, field, 0);
  return issues;
}
