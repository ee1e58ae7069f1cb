import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../../i18n/i18n';
import { ApiError } from '../../core/api-client';
import { router } from '../../core/router';
import { session, type LoginInput, type Me } from '../../core/session';
import { afterLoginPath, returnParameter } from '../../core/session-fns';
import { Form } from '../../ui/form/Form';
import { PasswordField, TextField } from '../../ui/form/fields';
import { useFormTask, type FieldProblem } from '../../ui/form/use-form-task';
import { Link } from '../../ui/Link';
import { Page } from '../../ui/Page';
import { useSession } from '../../ui/use-session';
import { useStore } from '../../ui/use-store';
import { looksLikeEmail } from './account-fns';
import { SecondFactorForm } from './SecondFactorForm';

/** `/anmelden`: email and password; a second step asks for the app's code when the account has one. */
export function LoginPage() {
  const { t } = useTranslation();
  const { status, me, notice, email: rememberedEmail } = useSession();
  const { search } = useStore(router);
  const [email, setEmail] = useState(rememberedEmail);
  const [password, setPassword] = useState('');
  const [secondStep, setSecondStep] = useState(false);
  const [cameBack, setCameBack] = useState(false);
  const form = useFormTask<Me>({ invalid_credentials: 'login-password' });
  const returning = new URLSearchParams(search).has(returnParameter);

  const done = (loggedIn: Me) => {
    changeLanguage(loggedIn.user.language);
    router.navigate(afterLoginPath(search, loggedIn));
  };

  const login = (input: LoginInput) => async () => {
    try {
      return await session.login(input);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'second_factor_required') {
        setSecondStep(true);
      }
      throw error;
    }
  };

  // Already logged in (not just now, through this form): offer the way on instead of the form.
  if (status === 'authenticated' && me && !secondStep && !form.busy && form.state.status !== 'done') {
    return (
      <Page title={t('accounts.login.title')}>
        <p>{t('accounts.login.already', { name: me.user.name })}</p>
        <p>
          <Link to={afterLoginPath(search, me)} className="button button-primary">
            {t('accounts.login.continue')}
          </Link>
        </p>
      </Page>
    );
  }

  if (secondStep) {
    return (
      <SecondFactorForm
        onSubmit={(factor) => login({ email, password, ...factor })}
        onDone={done}
        onBack={() => {
          setSecondStep(false);
          setCameBack(true);
          setPassword('');
          form.reset();
        }}
      />
    );
  }

  const validate = (): FieldProblem[] => {
    const problems: FieldProblem[] = [];
    if (email.trim() === '') {
      problems.push({ field: 'login-email', message: t('common.email.empty') });
    } else if (!looksLikeEmail(email)) {
      problems.push({ field: 'login-email', message: t('common.email.invalid') });
    }
    if (password === '') {
      problems.push({ field: 'login-password', message: t('accounts.login.passwordEmpty') });
    }
    return problems;
  };

  const noticeText = notice ? t(`accounts.login.notices.${notice}`) : undefined;

  return (
    <Page title={t('accounts.login.title')} focusOnMount={cameBack}>
      {noticeText !== undefined && (
        <p className={notice === 'expired' ? 'status' : 'status status-ok'} role="status">
          {noticeText}
        </p>
      )}
      {returning && notice === undefined && <p className="status">{t('accounts.login.needed')}</p>}
      <p>{t('accounts.login.text')}</p>
      <div className="card form-card">
        <Form
          form={form}
          submitLabel={t('accounts.login.submit')}
          busyLabel={t('accounts.login.submitting')}
          onSubmit={() => {
            session.clearNotice();
            form.submit(validate(), login({ email: email.trim(), password }), done);
          }}
        >
          <TextField
            id="login-email"
            label={t('accounts.login.email')}
            type="email"
            inputMode="email"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={email}
            error={form.errorFor('login-email')}
            onChange={(event) => setEmail(event.target.value)}
          />
          <PasswordField
            id="login-password"
            label={t('accounts.login.password')}
            autoComplete="current-password"
            value={password}
            error={form.errorFor('login-password')}
            onChange={(event) => setPassword(event.target.value)}
          />
        </Form>
        <p className="form-after">
          <Link to="/passwort-vergessen">{t('accounts.login.forgot')}</Link>
        </p>
      </div>
    </Page>
  );
}
