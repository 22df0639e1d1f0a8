import { FieldIssue } from '../errors/app-error';
import { CommonErrors } from '../errors/common.errors';

/**
 * The one cursor codec of the API. A cursor is opaque to clients: base64url of
 * `[list, ...sort keys of the page's last row]`. The list name binds it to the list that issued it,
 * so a cursor carried to another list is refused rather than read as a position there. A cursor
 * is not signed: a hand-made one can only move where a page starts, since every list query keeps
 * the caller's authorization conditions in its SQL.
 */

/** What a sort key holds: an instant (ISO 8601 UTC, up to microseconds), a UUID, text or an integer. */
export type CursorKeyKind = 'instant' | 'uuid' | 'text' | 'int';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const INT = /^-?\d{1,19}$/;
/** Longer than any cursor the API issues (the longest key is a 254-character email or a name). */
const MAX_CURSOR_LENGTH = 2048;

function validKey(kind: CursorKeyKind, v: unknown): v is string {
  if (typeof v !== 'string') return false;
  switch (kind) {
    case 'instant': {
      if (!INSTANT.test(v)) return false;
      const d = new Date(v);
      // A calendar date that does not exist (Feb 31) parses as another day: compare to the second.
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 19) === v.slice(0, 19);
    }
    case 'uuid':
      return UUID.test(v);
    case 'int':
      return INT.test(v);
    case 'text':
      return v.length <= 1000;
  }
}

/** The one answer to a cursor that is malformed, altered or issued by another list. */
export const INVALID_CURSOR_ISSUE: FieldIssue = {
  field: 'cursor',
  code: 'invalidCursor',
  message: {
    es: 'Cursor no válido: envíe el nextCursor de la página anterior de esta misma lista, o ninguno para la primera página.',
    en: 'Invalid cursor: send the nextCursor of the previous page of this same list, or none for the first page.',
  },
};

export function invalidCursor() {
  return CommonErrors.VALIDATION_FAILED({}, [INVALID_CURSOR_ISSUE]);
}

type Keys<K extends readonly CursorKeyKind[]> = { [I in keyof K]: string };
type KeyInput<K extends readonly CursorKeyKind[]> = {
  [I in keyof K]: K[I] extends 'instant' ? Date | string : string;
};

export interface CursorCodec<K extends readonly CursorKeyKind[]> {
  readonly list: string;
  /** The cursor after a row with these sort keys (a Date as ISO 8601). */
  encode(...keys: KeyInput<K>): string;
  /**
   * The sort keys a cursor holds; undefined when there is none (absent or empty: the first page).
   * Throws the VALIDATION_FAILED `invalidCursor` error for anything else that is not this list's.
   */
  decode(cursor: unknown): Keys<K> | undefined;
}

/** A list's cursor: its name (unique per list) and the kinds of its sort keys, in ORDER BY order. */
export function defineCursor<const K extends readonly CursorKeyKind[]>(
  list: string,
  kinds: K,
): CursorCodec<K> {
  return {
    list,
    encode(...keys) {
      const text = (keys as readonly (Date | string)[]).map((k) => (k instanceof Date ? k.toISOString() : k));
      return Buffer.from(JSON.stringify([list, ...text])).toString('base64url');
    },
    decode(cursor) {
      if (cursor === undefined || cursor === '') return undefined;
      if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor))
        throw invalidCursor();
      let v: unknown;
      try {
        v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      } catch {
        throw invalidCursor();
      }
      if (!Array.isArray(v) || v.length !== kinds.length + 1 || v[0] !== list) throw invalidCursor();
      const keys = v.slice(1);
      if (!kinds.every((kind, i) => validKey(kind, keys[i]))) throw invalidCursor();
      return keys as Keys<K>;
    },
  };
}
