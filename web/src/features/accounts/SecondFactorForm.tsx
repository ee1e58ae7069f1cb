import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../core/session';
import { Form } from '../../ui/form/Form';
import { TextField } from '../../ui/form/fields';
import { useFormTask, type FieldProblem } from '../../ui/form/use-form-task';
import { Page } from '../../ui/Page';
import { secondFactorInput } from './account-fns';

type Factor = { totpCode: string } | { recoveryCode: string };

/** The login's second step: one field for the app's 6-digit code or, without the phone, a recovery code. */
export function SecondFactorForm({
  onSubmit,
  onDone,
  onBack,
}: {
  onSubmit: (factor: Factor) => () => Promise<Me>;
  onDone: (me: Me) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const form = useFormTask<Me>({ invalid_second_factor: 'login-code' });

  const submit = () => {
    const factor = secondFactorInput(code);
    const problems: FieldProblem[] = [];
    if (code.trim() === '') {
      problems.push({ field: 'login-code', message: t('accounts.secondFactor.empty') });
    } else if (!factor) {
      problems.push({ field: 'login-code', message: t('accounts.secondFactor.invalid') });
    }
    // With problems nothing is sent, so the placeholder factor is never used.
    form.submit(problems, onSubmit(factor ?? { totpCode: '' }), onDone);
  };

  return (
    <Page title={t('accounts.login.title')} heading={t('accounts.secondFactor.heading')} focusOnMount>
      <p>{t('accounts.secondFactor.text')}</p>
      <div className="card form-card">
        <Form
          form={form}
          submitLabel={t('accounts.secondFactor.submit')}
          busyLabel={t('accounts.login.submitting')}
          onSubmit={submit}
          actions={
            <button type="button" className="button button-secondary" onClick={onBack}>
              {t('accounts.secondFactor.back')}
            </button>
          }
        >
          <TextField
            id="login-code"
            label={t('accounts.secondFactor.code')}
            hint={t('accounts.secondFactor.codeHint')}
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellCheck={false}
            className="field-code"
            value={code}
            error={form.errorFor('login-code')}
            onChange={(event) => setCode(event.target.value)}
          />
        </Form>
      </div>
    </Page>
  );
}
