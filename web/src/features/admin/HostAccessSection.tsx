import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../core/api-client';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useTask } from '../../ui/use-task';
import { StatusBadge } from './AdminPage';
import type { AdminHost } from './admin-types';

type Action = 'passwordReset' | 'deactivate' | 'reactivate' | 'resetTotp';

const done: Record<Action, 'passwordResetSent' | 'deactivated' | 'reactivated' | 'totpReset'> = {
  passwordReset: 'passwordResetSent',
  deactivate: 'deactivated',
  reactivate: 'reactivated',
  resetTotp: 'totpReset',
};

const endpoint: Record<Action, string> = {
  passwordReset: 'password-reset',
  deactivate: 'deactivate',
  reactivate: 'reactivate',
  resetTotp: 'reset-totp',
};

/** The account's status, a password link, (de)activation and resetting a lost second factor. */
export function HostAccessSection({
  host,
  onChanged,
}: {
  host: AdminHost;
  onChanged: (host: AdminHost) => void;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<Exclude<Action, 'passwordReset'>>('deactivate');
  const [open, setOpen] = useState(false);
  const [last, setLast] = useState<Action | undefined>(undefined);
  const [state, task] = useTask<AdminHost | undefined>();
  const busy = state.status === 'running';
  const deactivated = host.status === 'deactivated';
  const invited = host.status === 'invited';

  const run = async (action: Action) => {
    setOpen(false);
    setLast(action);
    const result = await task.run(() =>
      api.post<AdminHost | undefined>(`/api/admin/hosts/${host.id}/${endpoint[action]}`),
    );
    if (result) {
      onChanged(result);
    }
  };

  const button = (action: Action, label: string, className = 'button button-secondary') => (
    <button
      type="button"
      className={className}
      aria-disabled={busy ? true : undefined}
      onClick={() => {
        if (!busy) {
          if (action === 'passwordReset') {
            void run(action);
          } else {
            setAsking(action);
            setOpen(true);
          }
        }
      }}
    >
      {busy && last === action ? t('common.sending') : label}
    </button>
  );

  return (
    <section className="card" aria-labelledby="host-access">
      <h2 id="host-access">{t('admin.hosts.accessHeading')}</h2>
      <p>
        <StatusBadge status={host.status} /> {t(`admin.hosts.statusText.${host.status}`)}
      </p>
      {state.status === 'failed' && state.error && <ErrorMessage error={state.error} />}
      {!deactivated && (
        <div className="action-block">
          <p className="muted">
            {invited ? t('admin.hosts.resendInvitationHint') : t('admin.hosts.passwordResetHint')}
          </p>
          {button(
            'passwordReset',
            invited ? t('admin.hosts.resendInvitation') : t('admin.hosts.passwordReset'),
          )}
        </div>
      )}
      {host.totpEnabled && (
        <div className="action-block">
          <p className="muted">{t('admin.hosts.resetTotpHint')}</p>
          {button('resetTotp', t('admin.hosts.resetTotp'), 'button button-danger-outline')}
        </div>
      )}
      <div className="action-block">
        {deactivated
          ? button('reactivate', t('admin.hosts.reactivate'))
          : button('deactivate', t('admin.hosts.deactivate'), 'button button-danger-outline')}
      </div>
      <p
        role="status"
        className={state.status === 'done' && last ? 'form-status status status-ok' : 'form-status'}
      >
        {state.status === 'done' && last
          ? last === 'passwordReset' && invited
            ? t('admin.hosts.invitationResent')
            : t(`admin.hosts.${done[last]}`)
          : ''}
      </p>
      <ConfirmDialog
        open={open}
        title={t(`admin.hosts.${asking}Title`, { name: host.name })}
        text={t(`admin.hosts.${asking}Text`)}
        confirmLabel={t(`admin.hosts.${asking}Confirm`)}
        onConfirm={() => void run(asking)}
        onCancel={() => setOpen(false)}
      />
    </section>
  );
}
