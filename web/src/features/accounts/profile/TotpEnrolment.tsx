import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../core/api-client';
import { Form } from '../../../ui/form/Form';
import { TextField } from '../../../ui/form/fields';
import { useFormTask, type FieldProblem } from '../../../ui/form/use-form-task';
import { groupSecret, totpCode } from '../account-fns';
import { QrCode } from './QrCode';

/** `POST /api/profile/totp/enrol`: a new secret, pending until confirmed with a code. */
export interface Enrolment {
  secret: string;
  otpauthUri: string;
}

/** Steps 1–3: add the key to the app (typed in, scanned, or pasted as a URI), then confirm with a code. */
export function TotpEnrolment({
  enrolment,
  onCancel,
  onConfirmed,
}: {
  enrolment: Enrolment;
  onCancel: () => void;
  onConfirmed: (recoveryCodes: string[]) => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const form = useFormTask<{ recoveryCodes: string[] }>({ invalid_second_factor: 'totp-code' });

  const submit = () => {
    const digits = totpCode(code);
    const problems: FieldProblem[] = digits
      ? []
      : [{ field: 'totp-code', message: t('profile.totp.codeInvalid') }];
    form.submit(
      problems,
      () => api.post<{ recoveryCodes: string[] }>('/api/profile/totp/confirm', { code: digits }),
      ({ recoveryCodes }) => onConfirmed(recoveryCodes),
    );
  };

  return (
    <ol className="steps-list totp-steps">
      <li>{t('profile.totp.step1')}</li>
      <li>
        <p>{t('profile.totp.step2')}</p>
        <QrCode text={enrolment.otpauthUri} label={t('profile.totp.qrLabel')} />
        <p>{t('profile.totp.manual')}</p>
        <p className="secret-label">{t('profile.totp.secret')}</p>
        <p className="secret">
          <code>{groupSecret(enrolment.secret)}</code>
        </p>
        <details className="otpauth">
          <summary>{t('profile.totp.uri')}</summary>
          <p className="otpauth-uri">
            <code>{enrolment.otpauthUri}</code>
          </p>
        </details>
      </li>
      <li>
        <p>{t('profile.totp.step3')}</p>
        <Form
          form={form}
          submitLabel={t('profile.totp.confirm')}
          onSubmit={submit}
          actions={
            <button type="button" className="button button-secondary" onClick={onCancel}>
              {t('profile.totp.cancel')}
            </button>
          }
        >
          <TextField
            id="totp-code"
            label={t('profile.totp.code')}
            hint={t('profile.totp.codeHint')}
            inputMode="numeric"
            autoComplete="one-time-code"
            className="field-code"
            value={code}
            error={form.errorFor('totp-code')}
            onChange={(event) => setCode(event.target.value)}
          />
        </Form>
      </li>
    </ol>
  );
}
