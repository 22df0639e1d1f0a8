/**
 * Opaque keyset cursors for lists ordered by (timestamp DESC, id DESC): the last row's position,
 * base64url-encoded. A malformed cursor is treated as "from the start" by callers that validate it.
 */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { at: Date; id: string } | undefined {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const at = new Date(iso ?? '');
  if (!id || Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return { at, id };
}
