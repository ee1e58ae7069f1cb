import { useTranslation } from 'react-i18next';
import { summarisePage } from '../core/pagination-fns';

/**
 * "Previous page · Page 2 of 5 · Next page" for an offset-paginated list. The buttons stay in place and
 * focusable at either end (`aria-disabled`), so focus is never lost; the list's result line announces the change.
 */
export function Pagination({
  offset,
  limit,
  total,
  onChange,
}: {
  offset: number;
  limit: number;
  total: number;
  onChange: (offset: number) => void;
}) {
  const { t } = useTranslation();
  const page = summarisePage({ offset, limit, total });
  if (page.pages <= 1) {
    return null;
  }
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <button
        type="button"
        className="button button-secondary"
        aria-disabled={page.hasPrevious ? undefined : true}
        onClick={() => page.hasPrevious && onChange(Math.max(0, offset - limit))}
      >
        <span aria-hidden="true">← </span>
        {t('pagination.previous')}
      </button>
      <span className="pagination-position">
        {t('pagination.position', { page: page.page, pages: page.pages })}
      </span>
      <button
        type="button"
        className="button button-secondary"
        aria-disabled={page.hasNext ? undefined : true}
        onClick={() => page.hasNext && onChange(offset + limit)}
      >
        {t('pagination.next')}
        <span aria-hidden="true"> →</span>
      </button>
    </nav>
  );
}

/** "12 entries found. Entries 1 to 25 of 60" — a status line, so screen readers hear each new page. */
export function ResultLine({
  offset,
  limit,
  total,
  busy,
}: {
  offset: number;
  limit: number;
  total: number | undefined;
  busy: boolean;
}) {
  const { t } = useTranslation();
  let text = '';
  if (busy) {
    text = t('pagination.loading');
  } else if (total !== undefined && total > 0) {
    const page = summarisePage({ offset, limit, total });
    text =
      page.pages > 1
        ? `${t('pagination.results', { count: total })} ${t('pagination.range', { from: page.from, to: page.to, total: page.total })}`
        : t('pagination.results', { count: total });
  }
  return (
    <p role="status" className="result-line">
      {text}
    </p>
  );
}
