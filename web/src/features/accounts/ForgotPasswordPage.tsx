import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../core/api-client';
import { Form } from '../../ui/form/Form';
import { TextField } from '../../ui/form/fields';
import { useFormTask, type FieldProblem } from '../../ui/form/use-form-task';
import { Link } from '../../ui/Link';
import { Page } from '../../ui/Page';
import { useSession } from '../../ui/use-session';
import { looksLikeEmail } from './account-fns';

/** `/passwort-vergessen`: asks for a reset link. The answer never says whether the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const { email: rememberedEmail } = useSession();
  const [email, setEmail] = useState(rememberedEmail);
  const form = useFormTask();

  const submit = () => {
    const problems: FieldProblem[] = [];
    if (email.trim() === '') {
      problems.push({ field: 'forgot-email', message: t('common.email.empty') });
    } else if (!looksLikeEmail(email)) {
      problems.push({ field: 'forgot-email', message: t('common.email.invalid') });
    }
    form.submit(problems, () => api.post('/api/auth/password-reset/request', { email: email.trim() }));
  };

  return (
    <Page title={t('accounts.forgot.title')}>
      <p>{t('accounts.forgot.intro')}</p>
      <div className="card form-card">
        <Form
          form={form}
          submitLabel={t('accounts.forgot.submit')}
          busyLabel={t('accounts.forgot.submitting')}
          success={t('accounts.forgot.sent')}
          onSubmit={submit}
        >
          <TextField
            id="forgot-email"
            label={t('accounts.login.email')}
            type="email"
            inputMode="email"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={email}
            error={form.errorFor('forgot-email')}
            onChange={(event) => setEmail(event.target.value)}
          />
        </Form>
      </div>
      <p>
        <Link to="/anmelden">{t('accounts.forgot.back')}</Link>
      </p>
    </Page>
  );
}
