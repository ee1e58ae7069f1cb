import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { PasswordProblem } from './account-fns';

/** The rules for a new password, shown as the field's hint (read with the field). */
export function PasswordRules() {
  const { t } = useTranslation();
  return (
    <>
      <span className="hint-line">{t('accounts.password.rulesHeading')}</span>
      <ul className="hint-list">
        <li>{t('accounts.password.rules.length')}</li>
        <li>{t('accounts.password.rules.email')}</li>
      </ul>
      <span className="hint-line">{t('accounts.password.tip')}</span>
    </>
  );
}

export function passwordProblemText(problem: PasswordProblem, t: TFunction): string {
  switch (problem.kind) {
    case 'empty':
      return t('accounts.password.empty');
    case 'tooShort':
      return t('accounts.password.tooShort', { count: problem.length });
    case 'tooLong':
      return t('accounts.password.tooLong');
    case 'containsEmail':
      return t('accounts.password.containsEmail');
  }
}
