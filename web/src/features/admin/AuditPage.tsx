import { useState, type ReactNode, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../core/api-client';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { FieldError } from '../../ui/form/fields';
import { formatDateTime } from '../../ui/format';
import { Pagination, ResultLine } from '../../ui/Pagination';
import { useQuery } from '../../ui/use-task';
import { AdminPage } from './AdminPage';
import type { AdminHost, AdminOrganisation, AuditEntry, ListResponse } from './admin-types';
import { auditActionGroups, auditActionKey, dayRange, daysReversed } from './audit-fns';

interface AuditFilter {
  actorId: string;
  action: string;
  organisationId: string;
  from: string;
  to: string;
}

const noFilter: AuditFilter = { actorId: '', action: '', organisationId: '', from: '', to: '' };
const limit = 50;

/** `/admin/protokoll`: who did what when, newest first; filter by person, action, organisation and days. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<AuditFilter>(noFilter);
  const [applied, setApplied] = useState<AuditFilter>(noFilter);
  const [offset, setOffset] = useState(0);
  const reversed = daysReversed(draft.from, draft.to);

  const people = useQuery('audit-people', (signal) =>
    api.get<ListResponse<AdminHost>>('/api/admin/hosts', { query: { limit: 100 }, signal }),
  );
  const organisations = useQuery('audit-organisations', (signal) =>
    api.get<ListResponse<AdminOrganisation>>('/api/admin/organisations', { query: { limit: 100 }, signal }),
  );
  const entries = useQuery(JSON.stringify([applied, offset]), (signal) =>
    api.get<ListResponse<AuditEntry>>('/api/admin/audit', {
      query: {
        actorId: applied.actorId,
        action: applied.action,
        organisationId: applied.organisationId,
        ...dayRange(applied.from, applied.to),
        limit,
        offset,
      },
      signal,
    }),
  );

  const apply = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!reversed) {
      setApplied(draft);
      setOffset(0);
    }
  };
  const set = (field: keyof AuditFilter) => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));
  const actionLabel = (action: string) => {
    const key = auditActionKey(action);
    return key ? t(`admin.audit.actions.${key}`) : action;
  };
  const items = entries.data?.items ?? [];

  return (
    <AdminPage title={t('admin.audit.title')}>
      <p>{t('admin.audit.intro')}</p>
      <form className="card filter-form" role="search" aria-label={t('admin.audit.filters')} onSubmit={apply}>
        <h2>{t('admin.audit.filters')}</h2>
        <div className="filter-grid">
          <Select
            id="audit-actor"
            label={t('admin.audit.actor')}
            value={draft.actorId}
            onChange={set('actorId')}
          >
            <option value="">{t('admin.audit.anyActor')}</option>
            {(people.data?.items ?? []).map((person) => (
              <option key={person.id} value={person.id}>
                {person.name} ({person.email})
              </option>
            ))}
          </Select>
          <Select
            id="audit-action"
            label={t('admin.audit.action')}
            value={draft.action}
            onChange={set('action')}
          >
            <option value="">{t('admin.audit.anyAction')}</option>
            {auditActionGroups().map(({ group, actions }) => (
              <optgroup key={group} label={t(`admin.audit.groups.${group}`)}>
                <option value={group}>
                  {t(`admin.audit.groups.${group}`)}: {t('admin.list.all')}
                </option>
                {actions.map((action) => (
                  <option key={action} value={action}>
                    {actionLabel(action)}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
          <Select
            id="audit-organisation"
            label={t('admin.audit.organisation')}
            value={draft.organisationId}
            onChange={set('organisationId')}
          >
            <option value="">{t('admin.audit.anyOrganisation')}</option>
            {(organisations.data?.items ?? []).map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {organisation.name}
              </option>
            ))}
          </Select>
          <DateField
            id="audit-from"
            label={t('admin.audit.from')}
            value={draft.from}
            onChange={set('from')}
          />
          <DateField
            id="audit-to"
            label={t('admin.audit.to')}
            value={draft.to}
            onChange={set('to')}
            error={reversed ? t('admin.audit.dateOrder') : undefined}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button button-primary">
            {t('admin.audit.apply')}
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setDraft(noFilter);
              setApplied(noFilter);
              setOffset(0);
            }}
          >
            {t('admin.audit.reset')}
          </button>
        </div>
      </form>

      <ResultLine
        offset={offset}
        limit={limit}
        total={entries.data?.total}
        busy={entries.status === 'running'}
      />
      {entries.status === 'failed' && entries.error && (
        <ErrorMessage error={entries.error} onRetry={entries.reload} />
      )}
      {entries.status === 'done' && items.length === 0 && (
        <div className="empty-state">
          <p>{t('admin.audit.empty')}</p>
        </div>
      )}
      {items.length > 0 && (
        <ol className="record-list audit-list">
          {items.map((entry) => (
            <li key={entry.id} className="record">
              <p className="record-title">{actionLabel(entry.action)}</p>
              <p className="record-meta">
                <time dateTime={entry.at}>{formatDateTime(entry.at, i18n.language)}</time>
                <span>
                  {t('admin.audit.by', {
                    name:
                      entry.actor?.name ??
                      (entry.actorRole === 'system'
                        ? t('admin.audit.system')
                        : t('admin.audit.unknownActor')),
                  })}
                </span>
                {entry.organisation && (
                  <span>{t('admin.audit.forOrganisation', { name: entry.organisation.name })}</span>
                )}
              </p>
            </li>
          ))}
        </ol>
      )}
      {entries.data && (
        <Pagination offset={offset} limit={limit} total={entries.data.total} onChange={setOffset} />
      )}
    </AdminPage>
  );
}

function Select({
  id,
  label,
  value,
  onChange,
  children,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <select id={id} className="select" value={value} onChange={(event) => onChange(event.target.value)}>
        {children}
      </select>
    </div>
  );
}

function DateField({
  id,
  label,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <FieldError id={id} error={error} />
      <input
        id={id}
        type="date"
        className="text-input"
        value={value}
        aria-invalid={error !== undefined ? true : undefined}
        aria-describedby={error !== undefined ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
