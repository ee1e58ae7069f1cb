import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Option } from '../../ui/form/choices';

export interface ListFilter<S extends string> {
  search: string;
  status: S | '';
}

/**
 * Search field with its button and a status choice, in a `role="search"` form. The search applies on
 * "Search" (or Enter); the status applies at once (the list below updates, nothing else moves).
 */
export function ListControls<S extends string>({
  id,
  searchLabel,
  searchHint,
  statusOptions,
  onChange,
}: {
  id: string;
  searchLabel: string;
  searchHint: string;
  statusOptions: Option<S>[];
  onChange: (filter: ListFilter<S>) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<S | ''>('');
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    onChange({ search: search.trim(), status });
  };
  return (
    <form role="search" className="list-controls" onSubmit={submit} aria-label={searchLabel}>
      <div className="field list-search">
        <label htmlFor={`${id}-search`} className="field-label">
          {searchLabel}
        </label>
        <p id={`${id}-search-hint`} className="field-hint">
          {searchHint}
        </p>
        <div className="field-row">
          <input
            id={`${id}-search`}
            type="search"
            className="text-input"
            aria-describedby={`${id}-search-hint`}
            value={search}
            maxLength={100}
            onChange={(event) => setSearch(event.target.value)}
          />
          <button type="submit" className="button button-secondary">
            {t('common.search')}
          </button>
        </div>
      </div>
      <div className="field list-status">
        <label htmlFor={`${id}-status`} className="field-label">
          {t('admin.list.statusFilter')}
        </label>
        <select
          id={`${id}-status`}
          className="select"
          value={status}
          onChange={(event) => {
            const next = event.target.value as S | '';
            setStatus(next);
            onChange({ search: search.trim(), status: next });
          }}
        >
          <option value="">{t('admin.list.all')}</option>
          {statusOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
