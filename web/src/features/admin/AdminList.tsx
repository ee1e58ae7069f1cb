import { useState, type ReactNode } from 'react';
import { api } from '../../core/api-client';
import type { QueryValue } from '../../core/api-fns';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Pagination, ResultLine } from '../../ui/Pagination';
import { useQuery, type Query } from '../../ui/use-task';
import type { ListResponse } from './admin-types';
import type { ListFilter } from './ListControls';

export interface AdminList<T, S extends string> {
  query: Query<ListResponse<T>>;
  filter: ListFilter<S>;
  offset: number;
  limit: number;
  setFilter: (filter: ListFilter<S>) => void;
  setOffset: (offset: number) => void;
}

/** A paginated admin list (`?search&status&limit&offset` → `{ items, total }`); a new filter starts at page 1. */
export function useAdminList<T, S extends string = string>(
  path: string,
  limit = 25,
  extra: Record<string, QueryValue> = {},
): AdminList<T, S> {
  const [filter, setFilter] = useState<ListFilter<S>>({ search: '', status: '' });
  const [offset, setOffset] = useState(0);
  const query = useQuery(JSON.stringify([path, filter, offset, extra]), (signal) =>
    api.get<ListResponse<T>>(path, {
      query: { ...extra, search: filter.search, status: filter.status, limit, offset },
      signal,
    }),
  );
  return {
    query,
    filter,
    offset,
    limit,
    setFilter: (next) => {
      setFilter(next);
      setOffset(0);
    },
    setOffset,
  };
}

/** Result line, problem, empty state or items, and pagination of an admin list. */
export function AdminListView<T extends { id: string }, S extends string>({
  list,
  empty,
  noResults,
  children,
  ordered = false,
}: {
  list: AdminList<T, S>;
  /** Shown when there is nothing at all yet. */
  empty: ReactNode;
  /** Shown when a search or filter finds nothing. */
  noResults: ReactNode;
  children: (item: T) => ReactNode;
  ordered?: boolean;
}) {
  const { query, filter, offset, limit } = list;
  const data = query.data;
  const filtered = filter.search !== '' || filter.status !== '';
  const items = data?.items ?? [];
  const Tag = ordered ? 'ol' : 'ul';
  return (
    <>
      <ResultLine offset={offset} limit={limit} total={data?.total} busy={query.status === 'running'} />
      {query.status === 'failed' && query.error && (
        <ErrorMessage error={query.error} onRetry={query.reload} />
      )}
      {query.status === 'done' && items.length === 0 && (
        <div className="empty-state">
          <p>{filtered ? noResults : empty}</p>
        </div>
      )}
      {items.length > 0 && (
        <Tag className="record-list" aria-busy={query.status === 'running' ? true : undefined}>
          {items.map((item) => (
            <li key={item.id} className="record">
              {children(item)}
            </li>
          ))}
        </Tag>
      )}
      {data && <Pagination offset={offset} limit={limit} total={data.total} onChange={list.setOffset} />}
    </>
  );
}
