import i18next from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import de from './de.json';
import en from './en.json';

/** The meeting's texts are their own i18next namespace, loaded with the meeting page only. */
export const MEETING_NS = 'meeting';

/** Adds the namespace to the app's i18next instance (once it is initialised); safe to call repeatedly. */
export function registerMeetingTexts(): void {
  if (!i18next.isInitialized) {
    i18next.on('initialized', registerMeetingTexts);
    return;
  }
  if (!i18next.hasResourceBundle('de', MEETING_NS)) {
    i18next.addResourceBundle('de', MEETING_NS, de, true, true);
    i18next.addResourceBundle('en', MEETING_NS, en satisfies typeof de, true, true);
  }
}

type Leaves<T, Prefix extends string = ''> = T extends string | readonly unknown[]
  ? Prefix
  : { [K in keyof T & string]: Leaves<T[K], Prefix extends '' ? K : `${Prefix}.${K}`> }[keyof T & string];
type WithoutPlural<K extends string> = K extends `${infer Base}_${'one' | 'other'}` ? Base : K;

/** Every text key of the namespace (plural forms by their base key). */
export type MeetingKey = WithoutPlural<Leaves<typeof de>>;

export interface MeetingText {
  t: (key: MeetingKey, options?: Record<string, unknown>) => string;
}

type LooseT = (key: string, options?: Record<string, unknown>) => unknown;

/** The meeting's texts in the current language; components re-render when the language changes. */
export function useMeetingText(): MeetingText {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const fixed = (i18n.getFixedT as unknown as (lng: string, ns: string) => LooseT)(language, MEETING_NS);
    return { t: (key, options) => String(fixed(key, options)) };
  }, [i18n, language]);
}
