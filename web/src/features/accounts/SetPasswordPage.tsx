import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../core/api-client';
import { router } from '../../core/router';
import { session } from '../../core/session';
import { Form } from '../../ui/form/Form';
import { PasswordField } from '../../ui/form/fields';
import { useFormTask, type FieldProblem } from '../../ui/form/use-form-task';
import { Link } from '../../ui/Link';
import { Page } from '../../ui/Page';
import { passwordProblem } from './account-fns';
import { PasswordRules, passwordProblemText } from './password-help';
import { useFragmentToken } from './use-fragment-token';

/**
 * `/account/setup` (invitation) and `/account/reset` (forgotten password): choose a password with the token
 * from the mail's link. Does not log in: afterwards the login page says the password is saved.
 */
export function SetPasswordPage({ kind }: { kind: 'setup' | 'reset' }) {
  const { t } = useTranslation();
  const token = useFragmentToken();
  const [password, setPassword] = useState('');
  const form = useFormTask<{ email: string }>({ password_contains_email: 'new-password' });
  const texts = kind === 'setup' ? 'setup' : 'reset';
  const expired = form.state.status === 'failed' && form.state.error?.code === 'invalid_link';

  const submit = () => {
    const problem = passwordProblem(password);
    const problems: FieldProblem[] = problem
      ? [{ field: 'new-password', message: passwordProblemText(problem, t) }]
      : [];
    const endpoint = kind === 'setup' ? '/api/auth/setup' : '/api/auth/password-reset/confirm';
    form.submit(
      problems,
      () => api.post<{ email: string }>(endpoint, { token, password }),
      ({ email }) => {
        // A reset ends every session of the account, this browser's included.
        if (session.getSnapshot().status === 'authenticated') {
          session.end('passwordSet');
        }
        session.remember('passwordSet', email);
        router.navigate('/anmelden');
      },
    );
  };

  return (
    <Page title={t(`accounts.${texts}.title`)}>
      {token === undefined ? (
        <div className="status status-problem problem-box" role="alert">
          <p>{t('accounts.setup.missing')}</p>
        </div>
      ) : (
        <>
          <p>{t(`accounts.${texts}.intro`)}</p>
          <div className="card form-card">
            <Form form={form} submitLabel={t(`accounts.${texts}.submit`)} onSubmit={submit}>
              <PasswordField
                id="new-password"
                label={t('accounts.setup.newPassword')}
                hint={<PasswordRules />}
                autoComplete="new-password"
                value={password}
                error={form.errorFor('new-password')}
                onChange={(event) => setPassword(event.target.value)}
              />
            </Form>
          </div>
        </>
      )}
      {(token === undefined || expired) && (
        <>
          <p>{t('accounts.setup.newLink')}</p>
          <p>
            <Link to="/passwort-vergessen" className="button button-secondary">
              {t('accounts.setup.newLinkButton')}
            </Link>
          </p>
        </>
      )}
    </Page>
  );
}
