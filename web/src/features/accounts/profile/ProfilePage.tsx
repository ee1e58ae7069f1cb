import { useTranslation } from 'react-i18next';
import { Page } from '../../../ui/Page';
import { useSession } from '../../../ui/use-session';
import { DataExport } from './DataExport';
import { DetailsForm } from './DetailsForm';
import { EmailChangeForm } from './EmailChangeForm';
import { LogoutEverywhere } from './LogoutEverywhere';
import { PasswordChangeForm } from './PasswordChangeForm';
import { TotpSection } from './TotpSection';
import './profile.css';

/** `/profil`: name and language, email, password, second factor, own data, and logging out everywhere. */
export function ProfilePage() {
  const { t } = useTranslation();
  const { me } = useSession();
  if (!me) {
    return null;
  }
  // An admin whom the settings require a second factor from starts with that section.
  const totpFirst = me.totpEnrolmentRequired;
  const sections = [
    ['profil-angaben', t('profile.details.heading')],
    ['profil-email', t('profile.email.heading')],
    ['profil-passwort', t('profile.password.heading')],
    ['zweiter-faktor', t('profile.totp.heading')],
    ['profil-daten', t('profile.dataExport.heading')],
    ['profil-abmelden', t('profile.logoutAll.heading')],
  ] as const;
  const ordered = totpFirst ? [sections[3], ...sections.filter((_, index) => index !== 3)] : sections;
  return (
    <Page title={t('profile.title')}>
      <p>{t('profile.intro')}</p>
      <nav className="toc" aria-label={t('profile.sectionsLabel')}>
        <ul>
          {ordered.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>
      {totpFirst && <TotpSection me={me} />}
      <DetailsForm me={me} />
      <EmailChangeForm me={me} />
      <PasswordChangeForm me={me} />
      {!totpFirst && <TotpSection me={me} />}
      <DataExport />
      <LogoutEverywhere />
    </Page>
  );
}
