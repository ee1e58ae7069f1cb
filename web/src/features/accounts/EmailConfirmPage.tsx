import { useTranslation } from 'react-i18next';
import { api } from '../../core/api-client';
import { session } from '../../core/session';
import { Form } from '../../ui/form/Form';
import { useFormTask } from '../../ui/form/use-form-task';
import { Link } from '../../ui/Link';
import { DoneNotice } from '../../ui/Notice';
import { Page } from '../../ui/Page';
import { useSession } from '../../ui/use-session';
import { useFragmentToken } from './use-fragment-token';

/**
 * `/account/email`: confirms a new email address with the token from the link sent to it. Confirmation needs a
 * click on purpose: mail scanners that open links must not confirm on their own.
 */
export function EmailConfirmPage() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  const { status } = useSession();
  const form = useFormTask();
  const done = form.state.status === 'done';

  const submit = () =>
    form.submit(
      [],
      () => api.post('/api/auth/email-change/confirm', { token }),
      () => {
        if (session.getSnapshot().status === 'authenticated') {
          void session.load(true);
        }
      },
    );

  return (
    <Page title={t('accounts.emailConfirm.title')}>
      {token === undefined && (
        <div className="status status-problem problem-box" role="alert">
          <p>{t('accounts.setup.missing')}</p>
        </div>
      )}
      {token !== undefined && !done && (
        <>
          <p>{t('accounts.emailConfirm.intro')}</p>
          <Form
            form={form}
            submitLabel={t('accounts.emailConfirm.submit')}
            busyLabel={t('accounts.emailConfirm.submitting')}
            onSubmit={submit}
          >
            {null}
          </Form>
        </>
      )}
      {done && (
        <DoneNotice>
          <p>{t('accounts.emailConfirm.done')}</p>
          <p>
            {status === 'authenticated' ? (
              <Link to="/profil">{t('accounts.emailConfirm.toProfile')}</Link>
            ) : (
              <Link to="/anmelden">{t('accounts.emailConfirm.toLogin')}</Link>
            )}
          </p>
        </DoneNotice>
      )}
    </Page>
  );
}
