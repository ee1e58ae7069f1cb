import { useTranslation } from 'react-i18next';
import type { Language } from '../../core/session-fns';
import { CheckboxGroup, RadioGroup } from '../../ui/form/choices';
import { TextField } from '../../ui/form/fields';
import type { useOrganisationOptions } from './use-organisation-options';

export interface HostProfileValues {
  name: string;
  language: Language;
  organisationIds: string[];
}

/** Name, language and organisations of a host: the same fields when inviting and when editing. */
export function HostProfileFields(props: {
  values: HostProfileValues;
  onChange: (values: HostProfileValues) => void;
  nameError: string | undefined;
  organisationOptions: ReturnType<typeof useOrganisationOptions>['options'];
  /** While the organisations load, the group is shown (empty) rather than the "no organisations" note. */
  loading?: boolean;
}) {
  const { t } = useTranslation();
  const { values, onChange } = props;
  return (
    <>
      <TextField
        id="host-name"
        label={t('admin.hosts.name')}
        hint={t('admin.hosts.nameHint')}
        autoComplete="off"
        maxLength={200}
        value={values.name}
        error={props.nameError}
        onChange={(event) => onChange({ ...values, name: event.target.value })}
      />
      <RadioGroup
        id="host-language"
        name="language"
        legend={t('admin.hosts.language')}
        hint={t('admin.hosts.languageHint')}
        value={values.language}
        onChange={(language) => onChange({ ...values, language })}
        options={[
          { value: 'de', label: t('common.languages.de') },
          { value: 'en', label: t('common.languages.en') },
        ]}
      />
      {props.organisationOptions.length > 0 || props.loading ? (
        <CheckboxGroup
          id="host-organisations"
          legend={t('admin.hosts.organisations')}
          hint={t('admin.hosts.organisationsHint')}
          options={props.organisationOptions}
          values={values.organisationIds}
          onChange={(organisationIds) => onChange({ ...values, organisationIds })}
        />
      ) : (
        <p className="muted">{t('admin.hosts.noOrganisations')}</p>
      )}
    </>
  );
}
