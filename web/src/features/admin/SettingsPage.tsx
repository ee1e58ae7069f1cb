import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../core/api-client';
import { publicSettings } from '../../core/public-settings';
import { session } from '../../core/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Checkbox, RadioGroup } from '../../ui/form/choices';
import { Form } from '../../ui/form/Form';
import { TextArea, TextField } from '../../ui/form/fields';
import { useFormTask, type FieldProblem } from '../../ui/form/use-form-task';
import { useQuery } from '../../ui/use-task';
import { useSession } from '../../ui/use-session';
import { AdminPage } from './AdminPage';
import type { AdminSettings } from './admin-types';
import { DialInNumbers, phoneNumberPattern, type DialInRow } from './DialInNumbers';

/** `/admin/einstellungen`: the association's name and texts, dial-in numbers, language, admin second factor. */
export function SettingsPage() {
  const { t } = useTranslation();
  const query = useQuery('settings', (signal) => api.get<AdminSettings>('/api/admin/settings', { signal }));
  return (
    <AdminPage title={t('admin.settings.title')}>
      <p>{t('admin.settings.intro')}</p>
      {query.status === 'failed' && query.error && (
        <ErrorMessage error={query.error} onRetry={query.reload} />
      )}
      {!query.data && query.status !== 'failed' && (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      )}
      {query.data && <SettingsForm settings={query.data} />}
    </AdminPage>
  );
}

function SettingsForm({ settings }: { settings: AdminSettings }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [values, setValues] = useState(settings);
  const [rows, setRows] = useState<DialInRow[]>(() =>
    settings.dialInNumbers.map((number, index) => ({ ...number, key: index + 1 })),
  );
  // Typed as text, so a half-typed number can be corrected before it is checked.
  const [retention, setRetention] = useState(String(settings.chatRetentionDays));
  const [digestDays, setDigestDays] = useState(String(settings.groupDigestDays));
  const form = useFormTask<AdminSettings>();
  const set = <K extends keyof AdminSettings>(key: K, value: AdminSettings[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const submit = () => {
    const problems: FieldProblem[] = [];
    if (values.associationName.trim() === '') {
      problems.push({ field: 'settings-name', message: t('admin.settings.associationNameEmpty') });
    }
    for (const row of rows) {
      if (row.label.trim() === '') {
        problems.push({ field: `dial-in-${row.key}-label`, message: t('admin.settings.dialInLabelEmpty') });
      }
      if (!phoneNumberPattern.test(row.number.trim())) {
        problems.push({
          field: `dial-in-${row.key}-number`,
          message: t('admin.settings.dialInNumberInvalid'),
        });
      }
    }
    const wholeIn = (text: string, max: number) =>
      /^\d{1,3}$/.test(text.trim()) && +text >= 1 && +text <= max;
    if (!wholeIn(retention, 365)) {
      problems.push({ field: 'settings-retention', message: t('admin.settings.chatRetentionDaysInvalid') });
    }
    if (!wholeIn(digestDays, 7)) {
      problems.push({ field: 'settings-digest', message: t('admin.settings.groupDigestDaysInvalid') });
    }
    const body: AdminSettings = {
      ...values,
      chatRetentionDays: Number(retention),
      groupDigestDays: Number(digestDays),
      associationName: values.associationName.trim(),
      dialInNumbers: rows.map((row) => ({ label: row.label.trim(), number: row.number.trim() })),
    };
    form.submit(
      problems,
      () => api.put<AdminSettings>('/api/admin/settings', body),
      () => {
        void publicSettings.reload();
        // The admin second-factor rule may now apply to this very account.
        void session.load(true);
      },
    );
  };

  const warnTotp = values.requireAdminTotp && me?.user.totpEnabled === false;

  return (
    <Form
      form={form}
      submitLabel={t('admin.settings.submit')}
      success={t('admin.settings.saved')}
      onSubmit={submit}
    >
      <div className="card">
        <TextField
          id="settings-name"
          label={t('admin.settings.associationName')}
          hint={t('admin.settings.associationNameHint')}
          maxLength={200}
          value={values.associationName}
          error={form.errorFor('settings-name')}
          onChange={(event) => set('associationName', event.target.value)}
        />
        <TextArea
          id="settings-contact"
          label={t('admin.settings.associationContact')}
          hint={t('admin.settings.associationContactHint')}
          optional
          rows={3}
          maxLength={2000}
          value={values.associationContact}
          onChange={(event) => set('associationContact', event.target.value)}
        />
        <TextArea
          id="settings-privacy"
          label={t('admin.settings.privacyNotice')}
          hint={t('admin.settings.privacyNoticeHint')}
          optional
          rows={8}
          maxLength={50_000}
          value={values.privacyNotice}
          onChange={(event) => set('privacyNotice', event.target.value)}
        />
        <TextArea
          id="settings-imprint"
          label={t('admin.settings.imprint')}
          hint={t('admin.settings.imprintHint')}
          optional
          rows={6}
          maxLength={20_000}
          value={values.imprint}
          onChange={(event) => set('imprint', event.target.value)}
        />
      </div>
      <div className="card">
        <DialInNumbers rows={rows} onChange={setRows} errorFor={form.errorFor} />
      </div>
      <div className="card">
        <RadioGroup
          id="settings-language"
          name="defaultLanguage"
          legend={t('admin.settings.defaultLanguage')}
          hint={t('admin.settings.defaultLanguageHint')}
          value={values.defaultLanguage}
          onChange={(language) => set('defaultLanguage', language)}
          options={[
            { value: 'de', label: t('common.languages.de') },
            { value: 'en', label: t('common.languages.en') },
          ]}
        />
      </div>
      <div className="card">
        <h2 className="form-section-title">{t('admin.settings.messagesTitle')}</h2>
        <TextField
          id="settings-retention"
          label={t('admin.settings.chatRetentionDays')}
          hint={t('admin.settings.chatRetentionDaysHint')}
          inputMode="numeric"
          value={retention}
          error={form.errorFor('settings-retention')}
          onChange={(event) => setRetention(event.target.value)}
        />
        <TextField
          id="settings-digest"
          label={t('admin.settings.groupDigestDays')}
          hint={t('admin.settings.groupDigestDaysHint')}
          inputMode="numeric"
          value={digestDays}
          error={form.errorFor('settings-digest')}
          onChange={(event) => setDigestDays(event.target.value)}
        />
      </div>
      <div className="card">
        <h2 className="form-section-title">{t('admin.settings.security')}</h2>
        <Checkbox
          id="settings-totp"
          label={t('admin.settings.requireAdminTotp')}
          hint={t('admin.settings.requireAdminTotpHint')}
          checked={values.requireAdminTotp}
          onChange={(checked) => set('requireAdminTotp', checked)}
        />
        {warnTotp && <p className="status status-problem">{t('admin.settings.requireAdminTotpWarning')}</p>}
      </div>
    </Form>
  );
}
