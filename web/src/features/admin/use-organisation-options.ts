import { useTranslation } from 'react-i18next';
import { api } from '../../core/api-client';
import type { Option } from '../../ui/form/choices';
import { useQuery } from '../../ui/use-task';
import type { AdminHost, AdminOrganisation, ListResponse } from './admin-types';

/**
 * Organisations to choose from: the active ones (up to 100), plus any the host already belongs to
 * (a deactivated one is marked, so it can be removed).
 */
export function useOrganisationOptions(current: AdminHost['organisations'] = []): {
  options: Option<string>[];
  loading: boolean;
} {
  const { t } = useTranslation();
  const query = useQuery('active-organisations', (signal) =>
    api.get<ListResponse<AdminOrganisation>>('/api/admin/organisations', {
      query: { status: 'active', limit: 100 },
      signal,
    }),
  );
  const options: Option<string>[] = (query.data?.items ?? []).map((organisation) => ({
    value: organisation.id,
    label: organisation.name,
  }));
  for (const organisation of current) {
    if (!options.some((option) => option.value === organisation.id)) {
      options.push({
        value: organisation.id,
        label:
          organisation.status === 'active'
            ? organisation.name
            : `${organisation.name} (${t('admin.status.deactivated')})`,
      });
    }
  }
  return { options, loading: query.status === 'running' && !query.data };
}
