/**
 * The SQL half of keyset paging: helpers for list queries. The cursor codec, the query DTO and the
 * page shape are in common/paging.
 */

/**
 * A timestamptz as ISO 8601 UTC text with its microseconds, for a page's sort key: columns filled by
 * now() carry microseconds a JavaScript Date would drop (and a cursor rounded down would repeat a row).
 */
export function isoMicros(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** `%` and `_` typed by the user are literal characters, not wildcards. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
