import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../core/api-client';
import { flash } from '../../core/flash';
import { router } from '../../core/router';
import { Form } from '../../ui/form/Form';
import { TextField } from '../../ui/form/fields';
import { useFormTask, type FieldProblem } from '../../ui/form/use-form-task';
import { Link } from '../../ui/Link';
import { looksLikeEmail } from '../accounts/account-fns';
import { AdminPage } from './AdminPage';
import type { AdminHost } from './admin-types';
import { HostProfileFields, type HostProfileValues } from './HostProfileFields';
import { useOrganisationOptions } from './use-organisation-options';

/** `/admin/gruppenleitungen/neu`: invite by email; the server mails a set-up link. */
export function HostInvitePage() {
  const { t, i18n } = useTranslation();
  const [email, setEmail] = useState('');
  const [profile, setProfile] = useState<HostProfileValues>({
    name: '',
    language: i18n.resolvedLanguage === 'en' ? 'en' : 'de',
    organisationIds: [],
  });
  const { name, language, organisationIds } = profile;
  const { options, loading } = useOrganisationOptions();
  const form = useFormTask<AdminHost>({ email_taken: 'host-email' });

  const submit = () => {
    const problems: FieldProblem[] = [];
    const address = email.trim();
    if (address === '') {
      problems.push({ field: 'host-email', message: t('common.email.empty') });
    } else if (!looksLikeEmail(address)) {
      problems.push({ field: 'host-email', message: t('common.email.invalid') });
    }
    if (name.trim() === '') {
      problems.push({ field: 'host-name', message: t('admin.hosts.nameEmpty') });
    }
    form.submit(
      problems,
      () =>
        api.post<AdminHost>('/api/admin/hosts', {
          email: address,
          name: name.trim(),
          language,
          organisationIds,
        }),
      (host) => {
        flash.show(t('admin.hosts.invited', { email: host.email }));
        router.navigate(`/admin/gruppenleitungen/${host.id}`);
      },
    );
  };

  return (
    <AdminPage title={t('admin.hosts.inviteTitle')}>
      <p>{t('admin.hosts.inviteIntro')}</p>
      <div className="card">
        <Form
          form={form}
          submitLabel={t('admin.hosts.submit')}
          busyLabel={t('common.sending')}
          onSubmit={submit}
        >
          <TextField
            id="host-email"
            label={t('admin.hosts.email')}
            type="email"
            inputMode="email"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={email}
            error={form.errorFor('host-email')}
            onChange={(event) => setEmail(event.target.value)}
          />
          <HostProfileFields
            values={profile}
            onChange={setProfile}
            nameError={form.errorFor('host-name')}
            organisationOptions={options}
            loading={loading}
          />
        </Form>
      </div>
      <p>
        <Link to="/admin/gruppenleitungen">{t('admin.hosts.back')}</Link>
      </p>
    </AdminPage>
  );
}
