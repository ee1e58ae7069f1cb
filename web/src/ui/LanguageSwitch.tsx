import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage, languages } from '../i18n/i18n';

/** Two toggle buttons, each named in its own language so everyone finds theirs. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const labelId = useId();
  return (
    <div className="language-switch" role="group" aria-labelledby={labelId}>
      <span id={labelId} className="visually-hidden">
        {t('shell.language.label')}
      </span>
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="language-button"
          aria-pressed={i18n.resolvedLanguage === language}
          onClick={() => changeLanguage(language)}
        >
          {t(`shell.language.${language}`)}
        </button>
      ))}
    </div>
  );
}
