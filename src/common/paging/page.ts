/** The one response shape of every list: a page of items and the cursor of the next page. */
export interface Page<T> {
  items: T[];
  /** Send it back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Page size when the request names none, and the most a request may ask for. */
export const PAGE_LIMIT_DEFAULT = 25;
export const PAGE_LIMIT_MAX = 100;

export function pageLimit(q: { limit?: number }): number {
  return q.limit ?? PAGE_LIMIT_DEFAULT;
}

/**
 * A page from the rows a list query returned when asked for `limit + 1` rows: the extra row only
 * says that there is a next page, whose cursor is taken from the page's last row.
 */
export function pageOf<T>(rows: T[], limit: number, cursorAfter: (last: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  const more = rows.length > limit && items.length > 0;
  return { items, nextCursor: more ? cursorAfter(items[items.length - 1]) : null };
}
