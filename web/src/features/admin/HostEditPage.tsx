import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../core/api-client';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Form } from '../../ui/form/Form';
import { useFormTask, type FieldProblem } from '../../ui/form/use-form-task';
import { Link } from '../../ui/Link';
import { useQuery } from '../../ui/use-task';
import { AdminPage } from './AdminPage';
import type { AdminHost } from './admin-types';
import { HostAccessSection } from './HostAccessSection';
import { HostProfileFields, type HostProfileValues } from './HostProfileFields';
import { useOrganisationOptions } from './use-organisation-options';

/** `/admin/gruppenleitungen/:id`: name, language, organisations; the account's status and links. */
export function HostEditPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = useQuery(id, (signal) =>
    api.get<AdminHost>(`/api/admin/hosts/${encodeURIComponent(id)}`, { signal }),
  );
  return (
    <AdminPage title={t('admin.hosts.editTitle')}>
      {query.status === 'failed' && query.error && (
        <ErrorMessage error={query.error} onRetry={query.reload} />
      )}
      {!query.data && query.status !== 'failed' && (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      )}
      {query.data && (
        <>
          <p className="lead">
            {query.data.name} · {query.data.email}
          </p>
          <HostForm host={query.data} onSaved={query.set} />
          <HostAccessSection host={query.data} onChanged={query.set} />
        </>
      )}
      <p>
        <Link to="/admin/gruppenleitungen">{t('admin.hosts.back')}</Link>
      </p>
    </AdminPage>
  );
}

function HostForm({ host, onSaved }: { host: AdminHost; onSaved: (host: AdminHost) => void }) {
  const { t } = useTranslation();
  const [profile, setProfile] = useState<HostProfileValues>({
    name: host.name,
    language: host.language,
    organisationIds: host.organisations.map((organisation) => organisation.id),
  });
  const { name, language, organisationIds } = profile;
  const { options } = useOrganisationOptions(host.organisations);
  const form = useFormTask<AdminHost>();

  const submit = () => {
    const problems: FieldProblem[] =
      name.trim() === '' ? [{ field: 'host-name', message: t('admin.hosts.nameEmpty') }] : [];
    form.submit(
      problems,
      () =>
        api.patch<AdminHost>(`/api/admin/hosts/${host.id}`, { name: name.trim(), language, organisationIds }),
      onSaved,
    );
  };

  return (
    <div className="card">
      <Form form={form} submitLabel={t('common.save')} success={t('admin.hosts.saved')} onSubmit={submit}>
        <HostProfileFields
          values={profile}
          onChange={setProfile}
          nameError={form.errorFor('host-name')}
          organisationOptions={options}
        />
      </Form>
    </div>
  );
}
