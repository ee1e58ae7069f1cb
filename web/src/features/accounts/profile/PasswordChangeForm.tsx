import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../core/api-client';
import type { Me } from '../../../core/session';
import { Form } from '../../../ui/form/Form';
import { PasswordField } from '../../../ui/form/fields';
import { useFormTask, type FieldProblem } from '../../../ui/form/use-form-task';
import { passwordProblem } from '../account-fns';
import { PasswordRules, passwordProblemText } from '../password-help';

/** Changing the password ends the account's other sessions; this one stays. */
export function PasswordChangeForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const form = useFormTask({ invalid_password: 'password-current', password_contains_email: 'password-new' });

  const submit = () => {
    const problems: FieldProblem[] = [];
    if (current === '') {
      problems.push({ field: 'password-current', message: t('accounts.login.passwordEmpty') });
    }
    const problem = passwordProblem(next, me.user.email);
    if (problem) {
      problems.push({ field: 'password-new', message: passwordProblemText(problem, t) });
    }
    form.submit(
      problems,
      () => api.post('/api/profile/password', { currentPassword: current, newPassword: next }),
      () => {
        setCurrent('');
        setNext('');
      },
    );
  };

  return (
    <section className="card" aria-labelledby="profil-passwort">
      <h2 id="profil-passwort">{t('profile.password.heading')}</h2>
      <Form
        form={form}
        submitLabel={t('profile.password.submit')}
        success={t('profile.password.saved')}
        onSubmit={submit}
      >
        <PasswordField
          id="password-current"
          label={t('profile.password.current')}
          autoComplete="current-password"
          value={current}
          error={form.errorFor('password-current')}
          onChange={(event) => setCurrent(event.target.value)}
        />
        <PasswordField
          id="password-new"
          label={t('profile.password.new')}
          hint={<PasswordRules />}
          autoComplete="new-password"
          value={next}
          error={form.errorFor('password-new')}
          onChange={(event) => setNext(event.target.value)}
        />
      </Form>
    </section>
  );
}
