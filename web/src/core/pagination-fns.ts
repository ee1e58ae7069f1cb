/** Offset pagination as the admin API answers it: `{ items, total }` for `?limit&offset`. */
export interface PageWindow {
  offset: number;
  limit: number;
  total: number;
}

export interface PageSummary {
  /** 1-based number of the current page. */
  page: number;
  /** Number of pages, at least 1. */
  pages: number;
  /** 1-based position of the first and last entry shown; 0 and 0 when there are none. */
  from: number;
  to: number;
  total: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

export function pageCount(total: number, limit: number): number {
  return Math.max(1, Math.ceil(Math.max(0, total) / Math.max(1, limit)));
}

/** The offset of a 1-based page, clamped to the pages there are (total unknown: no upper clamp). */
export function offsetOfPage(page: number, limit: number, total?: number): number {
  const last = total === undefined ? Number.POSITIVE_INFINITY : pageCount(total, limit);
  const clamped = Math.min(Math.max(1, Math.floor(page)), last);
  return (clamped - 1) * limit;
}

export function summarisePage({ offset, limit, total }: PageWindow): PageSummary {
  const pages = pageCount(total, limit);
  const page = Math.min(pages, Math.floor(Math.max(0, offset) / Math.max(1, limit)) + 1);
  const from = total === 0 ? 0 : Math.min(total, offset + 1);
  const to = Math.min(total, offset + limit);
  return { page, pages, from, to, total, hasPrevious: page > 1, hasNext: page < pages };
}
