import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../core/api-client';
import type { Me } from '../../../core/session';
import { Form } from '../../../ui/form/Form';
import { PasswordField, TextField } from '../../../ui/form/fields';
import { useFormTask, type FieldProblem } from '../../../ui/form/use-form-task';
import { looksLikeEmail } from '../account-fns';

/** A new email address takes effect only once confirmed through the link sent to it. */
export function EmailChangeForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [newEmail, setNewEmail] = useState('');
  const [password, setPassword] = useState('');
  const [sentTo, setSentTo] = useState('');
  const form = useFormTask({
    invalid_password: 'email-password',
    email_taken: 'email-new',
    email_unchanged: 'email-new',
  });

  const submit = () => {
    const address = newEmail.trim();
    const problems: FieldProblem[] = [];
    if (address === '') {
      problems.push({ field: 'email-new', message: t('common.email.empty') });
    } else if (!looksLikeEmail(address)) {
      problems.push({ field: 'email-new', message: t('common.email.invalid') });
    }
    if (password === '') {
      problems.push({ field: 'email-password', message: t('accounts.login.passwordEmpty') });
    }
    form.submit(
      problems,
      () => api.post('/api/profile/email', { newEmail: address, password }),
      () => {
        setSentTo(address);
        setNewEmail('');
        setPassword('');
      },
    );
  };

  return (
    <section className="card" aria-labelledby="profil-email">
      <h2 id="profil-email">{t('profile.email.heading')}</h2>
      <p>{t('profile.email.current', { email: me.user.email })}</p>
      <p className="muted">{t('profile.email.explain')}</p>
      <Form
        form={form}
        submitLabel={t('profile.email.submit')}
        busyLabel={t('common.sending')}
        success={t('profile.email.sent', { email: sentTo })}
        onSubmit={submit}
      >
        <TextField
          id="email-new"
          label={t('profile.email.newEmail')}
          type="email"
          inputMode="email"
          autoComplete="email"
          autoCapitalize="none"
          spellCheck={false}
          value={newEmail}
          error={form.errorFor('email-new')}
          onChange={(event) => setNewEmail(event.target.value)}
        />
        <PasswordField
          id="email-password"
          label={t('profile.email.password')}
          hint={t('profile.email.passwordHint')}
          autoComplete="current-password"
          value={password}
          error={form.errorFor('email-password')}
          onChange={(event) => setPassword(event.target.value)}
        />
      </Form>
    </section>
  );
}
