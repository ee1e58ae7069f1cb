import 'i18next';
import type admin from './admin.de.json';
import type de from './de.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // `admin` is added when the console's chunk loads (features/admin/admin-i18n.ts).
    resources: { translation: typeof de & { admin: typeof admin } };
  }
}
