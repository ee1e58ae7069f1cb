import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError, type ApiError } from '../../../core/api-client';
import { router } from '../../../core/router';
import { session } from '../../../core/session';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { ErrorMessage } from '../../../ui/ErrorMessage';

/** "Log out everywhere" after a confirmation; then to the login page, which says so. */
export function LogoutEverywhere() {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | undefined>(undefined);

  const confirm = async () => {
    setAsking(false);
    setBusy(true);
    setFailure(undefined);
    try {
      await session.logoutEverywhere();
      router.navigate('/anmelden');
    } catch (error) {
      setFailure(toApiError(error));
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="profil-abmelden">
      <h2 id="profil-abmelden">{t('profile.logoutAll.heading')}</h2>
      <p>{t('profile.logoutAll.text')}</p>
      {failure && <ErrorMessage error={failure} />}
      <p>
        <button
          type="button"
          className="button button-danger-outline"
          aria-disabled={busy ? true : undefined}
          onClick={() => !busy && setAsking(true)}
        >
          {busy ? t('shell.account.loggingOut') : t('profile.logoutAll.button')}
        </button>
      </p>
      <ConfirmDialog
        open={asking}
        title={t('profile.logoutAll.confirmTitle')}
        text={t('profile.logoutAll.confirmText')}
        confirmLabel={t('profile.logoutAll.confirm')}
        onConfirm={() => void confirm()}
        onCancel={() => setAsking(false)}
      />
    </section>
  );
}
