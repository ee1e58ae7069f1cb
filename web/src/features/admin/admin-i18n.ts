import i18next from 'i18next';
import de from '../../i18n/admin.de.json';
import en from '../../i18n/admin.en.json';

/**
 * The console's texts travel with its chunk, not in every visitor's first download: added to the app's
 * translations under `admin` when the console loads. Safe to call repeatedly.
 */
export function registerAdminTexts(): void {
  if (!i18next.hasResourceBundle('de', 'translation') || i18next.exists('admin.title', { lng: 'de' })) {
    return;
  }
  i18next.addResourceBundle('de', 'translation', { admin: de }, true, false);
  i18next.addResourceBundle('en', 'translation', { admin: en satisfies typeof de }, true, false);
}
