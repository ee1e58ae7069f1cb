import { useEffect, useId, useRef } from 'react';
import { useMeetingText } from './i18n/meeting-i18n';

/** The keyboard shortcuts, explained; focus moves here when it opens and back to the page when it closes. */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const { t } = useMeetingText();
  const id = useId();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const rows = [
    { key: 'M', text: t('shortcuts.mic') },
    { key: 'V', text: t('shortcuts.camera') },
    { key: 'H', text: t('shortcuts.hand') },
    { key: t('shortcuts.spaceKey'), text: t('shortcuts.space') },
  ];
  return (
    <section
      className="banner shortcuts"
      aria-labelledby={id}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          onClose();
        }
      }}
    >
      <h2 id={id} ref={ref} tabIndex={-1} className="shortcuts-heading">
        {t('shortcuts.heading')}
      </h2>
      <dl className="shortcuts-list">
        {rows.map((row) => (
          <div key={row.key} className="shortcuts-row">
            <dt>
              <kbd>{row.key}</kbd>
            </dt>
            <dd>{row.text}</dd>
          </div>
        ))}
      </dl>
      <p className="field-hint">{t('shortcuts.note')}</p>
      <button type="button" className="button button-secondary" onClick={onClose}>
        {t('shortcuts.close')}
      </button>
    </section>
  );
}
