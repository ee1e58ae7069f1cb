import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { router } from '../core/router';
import { useStore } from './use-store';

export interface PageProps {
  /** Shown in the browser tab (before " – Treffpunkt"). */
  title: string;
  /** The page's one `<h1>`; defaults to the title. */
  heading?: string;
  /** Moves focus to the heading when shown, also without a navigation (a new step on the same page). */
  focusOnMount?: boolean;
  /** Shown above the heading, e.g. a section menu. */
  before?: ReactNode;
  children: ReactNode;
}

/**
 * Every page: sets the document title and, after a navigation inside the app, moves focus to the `<h1>` so screen
 * readers announce the new page and keyboard users start at its content.
 */
export function Page({ title, heading, before, focusOnMount = false, children }: PageProps) {
  const { t } = useTranslation();
  const { navigation } = useStore(router);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const productName = t('shell.productName');

  useEffect(() => {
    document.title = title === productName ? title : `${title} – ${productName}`;
  }, [title, productName]);

  useEffect(() => {
    if (navigation > 0 || focusOnMount) {
      headingRef.current?.focus();
    }
  }, [navigation, focusOnMount]);

  return (
    <>
      {before}
      <h1 ref={headingRef} tabIndex={-1}>
        {heading ?? title}
      </h1>
      {children}
    </>
  );
}
