const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One page of a keyset-paginated list; `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Opaque keyset cursor: the sort key and id of a page's last row (a Date key as ISO 8601). */
export function encodeCursor(key: string | Date, id: string): string {
  const k = key instanceof Date ? key.toISOString() : key;
  return Buffer.from(JSON.stringify([k, id])).toString('base64url');
}

/** The cursor's sort key and id, or undefined when malformed (the caller decides: 400 or first page). */
export function decodeCursor(cursor: string): { key: string; id: string } | undefined {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      typeof v[0] === 'string' &&
      typeof v[1] === 'string' &&
      UUID.test(v[1])
    )
      return { key: v[0], id: v[1] };
  } catch {
    // falls through: malformed
  }
  return undefined;
}

/** decodeCursor for lists ordered by a timestamp: also undefined when the key is not an instant. */
export function decodeTimeCursor(cursor: string): { at: Date; id: string } | undefined {
  const c = decodeCursor(cursor);
  const at = new Date(c?.key ?? '');
  return c && !Number.isNaN(at.getTime()) ? { at, id: c.id } : undefined;
}

/** `%` and `_` typed by the user are literal characters, not wildcards. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
