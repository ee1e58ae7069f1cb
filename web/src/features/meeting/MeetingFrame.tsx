import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A step of the meeting page (pre-join, waiting room, end): sets the tab title and moves focus to the heading when
 * the step appears, so screen readers announce where the person is now. The first step of a page load is left
 * alone (the skip link comes first there).
 */
export function MeetingFrame({
  title,
  heading,
  focus = true,
  children,
}: {
  title: string;
  heading?: string;
  focus?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  const productName = t('shell.productName');
  useEffect(() => {
    document.title = `${title} – ${productName}`;
  }, [title, productName]);
  useEffect(() => {
    if (focus) {
      ref.current?.focus();
    }
  }, [focus]);
  return (
    <div className="meeting-step">
      <h1 ref={ref} tabIndex={-1}>
        {heading ?? title}
      </h1>
      {children}
    </div>
  );
}
