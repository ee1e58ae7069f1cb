import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../core/api-client';
import { session, type Me } from '../../../core/session';
import { Form } from '../../../ui/form/Form';
import { PasswordField, TextField } from '../../../ui/form/fields';
import { useFormTask, type FieldProblem } from '../../../ui/form/use-form-task';
import { DoneNotice } from '../../../ui/Notice';
import { secondFactorInput } from '../account-fns';
import { RecoveryCodes } from './RecoveryCodes';
import { TotpEnrolment, type Enrolment } from './TotpEnrolment';

type Phase =
  | { step: 'idle' }
  | { step: 'enrolling'; enrolment: Enrolment }
  | { step: 'codes'; codes: string[] }
  | { step: 'finished'; message: 'enabled' | 'disabled' };

/** The second factor: set it up (password → key → code → recovery codes), or switch it off. */
export function TotpSection({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const enabled = me.user.totpEnabled;

  let body;
  if (phase.step === 'enrolling') {
    body = (
      <TotpEnrolment
        enrolment={phase.enrolment}
        onCancel={() => setPhase({ step: 'idle' })}
        onConfirmed={(codes) => {
          setPhase({ step: 'codes', codes });
          void session.load(true);
        }}
      />
    );
  } else if (phase.step === 'codes') {
    body = (
      <RecoveryCodes codes={phase.codes} onDone={() => setPhase({ step: 'finished', message: 'enabled' })} />
    );
  } else if (enabled) {
    body = <DisableForm onDisabled={() => setPhase({ step: 'finished', message: 'disabled' })} />;
  } else {
    body = (
      <StartForm
        required={me.totpEnrolmentRequired}
        onStarted={(enrolment) => setPhase({ step: 'enrolling', enrolment })}
      />
    );
  }

  return (
    <section className="card" aria-labelledby="zweiter-faktor">
      <h2 id="zweiter-faktor">{t('profile.totp.heading')}</h2>
      {phase.step === 'finished' && (
        <DoneNotice>
          <p>{t(phase.message === 'enabled' ? 'profile.totp.enabled' : 'profile.totp.disabled')}</p>
        </DoneNotice>
      )}
      {phase.step !== 'codes' && (
        <p className={enabled ? 'status status-ok' : 'status'}>
          <strong>{enabled ? t('profile.totp.on') : t('profile.totp.off')}</strong>
        </p>
      )}
      {body}
    </section>
  );
}

function StartForm({
  required,
  onStarted,
}: {
  required: boolean;
  onStarted: (enrolment: Enrolment) => void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const form = useFormTask<Enrolment>({ invalid_password: 'totp-password' });
  const submit = () => {
    const problems: FieldProblem[] =
      password === '' ? [{ field: 'totp-password', message: t('accounts.login.passwordEmpty') }] : [];
    form.submit(problems, () => api.post<Enrolment>('/api/profile/totp/enrol', { password }), onStarted);
  };
  return (
    <>
      {required && <p className="status status-problem">{t('profile.totp.required')}</p>}
      <p>{t('profile.totp.explain')}</p>
      <Form
        form={form}
        submitLabel={t('profile.totp.start')}
        busyLabel={t('common.loading')}
        onSubmit={submit}
      >
        <PasswordField
          id="totp-password"
          label={t('profile.totp.password')}
          hint={t('profile.totp.passwordHint')}
          autoComplete="current-password"
          value={password}
          error={form.errorFor('totp-password')}
          onChange={(event) => setPassword(event.target.value)}
        />
      </Form>
    </>
  );
}

function DisableForm({ onDisabled }: { onDisabled: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const form = useFormTask({ invalid_password: 'totp-off-password', invalid_second_factor: 'totp-off-code' });
  const submit = () => {
    const factor = secondFactorInput(code);
    const problems: FieldProblem[] = [];
    if (password === '') {
      problems.push({ field: 'totp-off-password', message: t('accounts.login.passwordEmpty') });
    }
    if (!factor) {
      const message =
        code.trim() === '' ? t('accounts.secondFactor.empty') : t('accounts.secondFactor.invalid');
      problems.push({ field: 'totp-off-code', message });
    }
    form.submit(
      problems,
      () => api.post('/api/profile/totp/disable', { password, ...factor }),
      () => {
        onDisabled();
        void session.load(true);
      },
    );
  };
  return (
    <>
      <h3>{t('profile.totp.disableHeading')}</h3>
      <Form
        form={form}
        submitLabel={t('profile.totp.disable')}
        submitClass="button button-danger-outline"
        onSubmit={submit}
      >
        <PasswordField
          id="totp-off-password"
          label={t('profile.totp.password')}
          autoComplete="current-password"
          value={password}
          error={form.errorFor('totp-off-password')}
          onChange={(event) => setPassword(event.target.value)}
        />
        <TextField
          id="totp-off-code"
          label={t('profile.totp.disableCode')}
          hint={t('accounts.secondFactor.codeHint')}
          autoComplete="one-time-code"
          spellCheck={false}
          className="field-code"
          value={code}
          error={form.errorFor('totp-off-code')}
          onChange={(event) => setCode(event.target.value)}
        />
      </Form>
    </>
  );
}
