import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from './de.json';
import en from './en.json';

export const languages = ['de', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'treffpunkt.language';

/** The language chosen on this device before, if any. */
function storedLanguage(): Language | undefined {
  try {
    const stored = window.localStorage.getItem(storageKey);
    return stored === 'en' || stored === 'de' ? stored : undefined;
  } catch {
    return undefined;
  }
}

function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Private mode or storage disabled: the choice lasts for this visit only.
  }
}

/** Initialises i18next synchronously with both languages bundled (they are small). German unless chosen. */
export function initI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { de: { translation: de }, en: { translation: en satisfies typeof de } },
    lng: storedLanguage() ?? 'de',
    fallbackLng: 'de',
    supportedLngs: languages,
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = i18next.language;
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  return i18next;
}

/** A person's choice (language switch, profile, login): applied and remembered on this device. */
export function changeLanguage(language: Language): void {
  storeLanguage(language);
  void i18next.changeLanguage(language);
}

/** The association's default language, for visitors who have not chosen one on this device. */
export function applyDefaultLanguage(language: Language): void {
  if (storedLanguage() === undefined && i18next.language !== language) {
    void i18next.changeLanguage(language);
  }
}
