import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../core/api-client';
import { session, type Me } from '../../../core/session';
import type { Language } from '../../../core/session-fns';
import { changeLanguage } from '../../../i18n/i18n';
import { RadioGroup } from '../../../ui/form/choices';
import { Form } from '../../../ui/form/Form';
import { TextField } from '../../../ui/form/fields';
import { useFormTask, type FieldProblem } from '../../../ui/form/use-form-task';

/** Name and preferred language; saving the language also switches this page to it. */
export function DetailsForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [name, setName] = useState(me.user.name);
  const [language, setLanguage] = useState<Language>(me.user.language);
  const form = useFormTask<Me>();

  const submit = () => {
    const problems: FieldProblem[] =
      name.trim() === '' ? [{ field: 'profile-name', message: t('profile.details.nameEmpty') }] : [];
    form.submit(
      problems,
      () => api.patch<Me>('/api/profile', { name: name.trim(), language }),
      (updated) => {
        session.set(updated);
        changeLanguage(updated.user.language);
      },
    );
  };

  return (
    <section className="card" aria-labelledby="profil-angaben">
      <h2 id="profil-angaben">{t('profile.details.heading')}</h2>
      <Form
        form={form}
        submitLabel={t('profile.details.submit')}
        success={t('profile.details.saved')}
        onSubmit={submit}
      >
        <TextField
          id="profile-name"
          label={t('profile.details.name')}
          hint={t('profile.details.nameHint')}
          autoComplete="name"
          maxLength={200}
          value={name}
          error={form.errorFor('profile-name')}
          onChange={(event) => setName(event.target.value)}
        />
        <RadioGroup
          id="profile-language"
          name="language"
          legend={t('profile.details.language')}
          hint={t('profile.details.languageHint')}
          value={language}
          onChange={setLanguage}
          options={[
            { value: 'de', label: t('shell.language.de'), lang: 'de' },
            { value: 'en', label: t('shell.language.en'), lang: 'en' },
          ]}
        />
      </Form>
    </section>
  );
}
