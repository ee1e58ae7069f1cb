import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../core/api-client';
import { flash } from '../../core/flash';
import { router } from '../../core/router';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Form } from '../../ui/form/Form';
import { TextArea, TextField } from '../../ui/form/fields';
import { useFormTask, type FieldProblem } from '../../ui/form/use-form-task';
import { Link } from '../../ui/Link';
import { useQuery } from '../../ui/use-task';
import { AdminPage } from './AdminPage';
import type { AdminOrganisation } from './admin-types';
import { OrganisationStatusSection } from './OrganisationStatusSection';

/** `/admin/organisationen/neu` creates; `/admin/organisationen/:id` edits and (de)activates. */
export function OrganisationEditPage({ id }: { id?: string }) {
  const { t } = useTranslation();
  const title = id === undefined ? t('admin.organisations.createTitle') : t('admin.organisations.editTitle');
  return (
    <AdminPage title={title}>
      {id === undefined ? <OrganisationForm /> : <LoadedOrganisation id={id} />}
      <p>
        <Link to="/admin/organisationen">{t('admin.organisations.back')}</Link>
      </p>
    </AdminPage>
  );
}

function LoadedOrganisation({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = useQuery(id, (signal) =>
    api.get<AdminOrganisation>(`/api/admin/organisations/${encodeURIComponent(id)}`, { signal }),
  );
  if (query.status === 'failed' && query.error) {
    return <ErrorMessage error={query.error} onRetry={query.reload} />;
  }
  if (!query.data) {
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  }
  return (
    <>
      <OrganisationForm organisation={query.data} onSaved={query.set} />
      <OrganisationStatusSection organisation={query.data} onChanged={query.set} />
    </>
  );
}

function OrganisationForm({
  organisation,
  onSaved,
}: {
  organisation?: AdminOrganisation;
  onSaved?: (organisation: AdminOrganisation) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(organisation?.name ?? '');
  const [contact, setContact] = useState(organisation?.contact ?? '');
  const [notes, setNotes] = useState(organisation?.notes ?? '');
  const [retention, setRetention] = useState(String(organisation?.chatRetentionDays ?? ''));
  const form = useFormTask<AdminOrganisation>();

  const submit = () => {
    const problems: FieldProblem[] =
      name.trim() === '' ? [{ field: 'organisation-name', message: t('admin.organisations.nameEmpty') }] : [];
    // Empty: the platform's default applies (and follows it when an admin changes it there).
    const days = retention.trim();
    if (days !== '' && !(/^\d{1,3}$/.test(days) && +days >= 1 && +days <= 365)) {
      problems.push({
        field: 'organisation-retention',
        message: t('admin.settings.chatRetentionDaysInvalid'),
      });
    }
    const body = {
      name: name.trim(),
      contact: contact.trim(),
      notes: notes.trim(),
      chatRetentionDays: days === '' ? null : Number(days),
    };
    if (organisation) {
      form.submit(
        problems,
        () => api.patch<AdminOrganisation>(`/api/admin/organisations/${organisation.id}`, body),
        onSaved,
      );
    } else {
      form.submit(
        problems,
        () => api.post<AdminOrganisation>('/api/admin/organisations', body),
        (created) => {
          flash.show(t('admin.organisations.created', { name: created.name }));
          router.navigate(`/admin/organisationen/${created.id}`);
        },
      );
    }
  };

  return (
    <div className="card">
      <Form
        form={form}
        submitLabel={organisation ? t('common.save') : t('admin.organisations.create')}
        success={t('admin.organisations.saved')}
        onSubmit={submit}
      >
        <TextField
          id="organisation-name"
          label={t('admin.organisations.name')}
          hint={t('admin.organisations.nameHint')}
          maxLength={200}
          autoComplete="off"
          value={name}
          error={form.errorFor('organisation-name')}
          onChange={(event) => setName(event.target.value)}
        />
        <TextArea
          id="organisation-contact"
          label={t('admin.organisations.contact')}
          hint={t('admin.organisations.contactHint')}
          optional
          maxLength={1000}
          rows={3}
          value={contact}
          onChange={(event) => setContact(event.target.value)}
        />
        <TextArea
          id="organisation-notes"
          label={t('admin.organisations.notes')}
          hint={t('admin.organisations.notesHint')}
          optional
          maxLength={4000}
          rows={4}
          value={notes}
          onChange={(event) => setNotes(event.target.value)}
        />
        <TextField
          id="organisation-retention"
          label={t('admin.organisations.chatRetentionDays')}
          hint={t('admin.organisations.chatRetentionDaysHint')}
          optional
          inputMode="numeric"
          value={retention}
          error={form.errorFor('organisation-retention')}
          onChange={(event) => setRetention(event.target.value)}
        />
      </Form>
    </div>
  );
}
