import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from './de.json';
import en from './en.json';

export const languages = ['de', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'treffpunkt.language';

/** German unless the person chose English before on this device. */
function storedLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(storageKey);
    return stored === 'en' ? 'en' : 'de';
  } catch {
    return 'de';
  }
}

function applyLanguage(language: string): void {
  document.documentElement.lang = language;
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Private mode or storage disabled: the choice lasts for this visit only.
  }
}

/** Initialises i18next synchronously with both languages bundled (they are small). */
export function initI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { de: { translation: de }, en: { translation: en satisfies typeof de } },
    lng: storedLanguage(),
    fallbackLng: 'de',
    supportedLngs: languages,
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = i18next.language;
  i18next.on('languageChanged', applyLanguage);
  return i18next;
}

export function changeLanguage(language: Language): void {
  void i18next.changeLanguage(language);
}
