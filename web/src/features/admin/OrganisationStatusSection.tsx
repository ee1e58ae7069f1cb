import { useTranslation } from 'react-i18next';
import { api } from '../../core/api-client';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useTask } from '../../ui/use-task';
import { useState } from 'react';
import { StatusBadge } from './AdminPage';
import type { AdminOrganisation } from './admin-types';

/** Deactivate or reactivate an organisation, after a confirmation. */
export function OrganisationStatusSection({
  organisation,
  onChanged,
}: {
  organisation: AdminOrganisation;
  onChanged: (organisation: AdminOrganisation) => void;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [state, task] = useTask<AdminOrganisation>();
  const active = organisation.status === 'active';
  const action = active ? 'deactivate' : 'reactivate';

  const confirm = async () => {
    setAsking(false);
    const changed = await task.run(() =>
      api.post<AdminOrganisation>(`/api/admin/organisations/${organisation.id}/${action}`),
    );
    if (changed) {
      onChanged(changed);
    }
  };

  return (
    <section className="card" aria-labelledby="organisation-status">
      <h2 id="organisation-status">{t('admin.organisations.statusHeading')}</h2>
      <p>
        <StatusBadge status={organisation.status} />{' '}
        {active ? t('admin.organisations.isActive') : t('admin.organisations.isDeactivated')}
      </p>
      {state.status === 'failed' && state.error && <ErrorMessage error={state.error} />}
      <p>
        <button
          type="button"
          className={active ? 'button button-danger-outline' : 'button button-secondary'}
          aria-disabled={state.status === 'running' ? true : undefined}
          onClick={() => state.status !== 'running' && setAsking(true)}
        >
          {state.status === 'running'
            ? t('common.saving')
            : active
              ? t('admin.organisations.deactivate')
              : t('admin.organisations.reactivate')}
        </button>
      </p>
      <p role="status" className={state.status === 'done' ? 'form-status status status-ok' : 'form-status'}>
        {state.status === 'done'
          ? active
            ? t('admin.organisations.reactivated')
            : t('admin.organisations.deactivated')
          : ''}
      </p>
      <ConfirmDialog
        open={asking}
        title={t(`admin.organisations.${action}Title`, { name: organisation.name })}
        text={t(`admin.organisations.${action}Text`)}
        confirmLabel={t(`admin.organisations.${action}Confirm`)}
        onConfirm={() => void confirm()}
        onCancel={() => setAsking(false)}
      />
    </section>
  );
}
