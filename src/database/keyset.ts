/**
 * The SQL half of keyset paging: helpers for list queries. The cursor codec, the query DTO and the
 * page shape are in common/paging.
 */

/** `%` and `_` typed by the user are literal characters, not wildcards. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
