import i18next from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../core/api-client';
import { errorText } from '../../../ui/error-text';
import de from './de.json';
import en from './en.json';

/** Planning, invitations and join information: their own i18next namespace, loaded with these pages only. */
export const MEETINGS_NS = 'meetings';

/** Adds the namespace to the app's i18next instance (once it is initialised); safe to call repeatedly. */
export function registerMeetingsTexts(): void {
  if (!i18next.isInitialized) {
    i18next.on('initialized', registerMeetingsTexts);
    return;
  }
  if (!i18next.hasResourceBundle('de', MEETINGS_NS)) {
    i18next.addResourceBundle('de', MEETINGS_NS, de, true, true);
    i18next.addResourceBundle('en', MEETINGS_NS, en satisfies typeof de, true, true);
  }
}

type Leaves<T, Prefix extends string = ''> = T extends string | readonly unknown[]
  ? Prefix
  : { [K in keyof T & string]: Leaves<T[K], Prefix extends '' ? K : `${Prefix}.${K}`> }[keyof T & string];
type WithoutPlural<K extends string> = K extends `${infer Base}_${'one' | 'other'}` ? Base : K;

/** Every text key of the namespace (plural forms by their base key). */
export type MeetingsKey = WithoutPlural<Leaves<typeof de>>;

export interface MeetingsText {
  t: (key: MeetingsKey, options?: Record<string, unknown>) => string;
  /** A failed request in words: the meeting codes from `errors.*` here, everything else as the app says it. */
  problem: (error: ApiError) => string;
  language: string;
}

type LooseT = (key: string, options?: Record<string, unknown>) => unknown;

/** The texts in the current language; components re-render when the language changes. */
export function useMeetingsText(): MeetingsText {
  const { i18n, t: appT } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const fixed = (i18n.getFixedT as unknown as (lng: string, ns: string) => LooseT)(language, MEETINGS_NS);
    const t = (key: MeetingsKey, options?: Record<string, unknown>) => String(fixed(key, options));
    const problem = (error: ApiError) =>
      i18n.getResource(language, MEETINGS_NS, `errors.${error.code}`) !== undefined
        ? t(`errors.${error.code}` as MeetingsKey)
        : errorText(error, appT);
    return { t, problem, language };
  }, [i18n, language, appT]);
}
