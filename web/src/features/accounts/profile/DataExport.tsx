import { useTranslation } from 'react-i18next';

/**
 * GDPR Art. 15/20: the account's data as a JSON file. A plain link: the session cookie goes with it (same site)
 * and the server answers with a download, so nothing is held in the page.
 */
export function DataExport() {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="profil-daten">
      <h2 id="profil-daten">{t('profile.dataExport.heading')}</h2>
      <p>{t('profile.dataExport.text')}</p>
      <p>
        <a className="button button-secondary" href="/api/profile/export" download>
          {t('profile.dataExport.button')}
        </a>
      </p>
    </section>
  );
}
