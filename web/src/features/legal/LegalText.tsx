import { useTranslation } from 'react-i18next';
import { publicSettings, type PublicSettings } from '../../core/public-settings';
import { useStore } from '../../ui/use-store';
import { paragraphs } from './legal-fns';

/**
 * A text the association entered in the settings (privacy notice or imprint), as paragraphs of plain text,
 * with the association's contact below. Until one is entered, a placeholder says so.
 */
export function LegalText({
  field,
  kind,
}: {
  field: 'privacyNotice' | 'imprint';
  kind: 'privacy' | 'imprint';
}) {
  const { t } = useTranslation();
  const { status, settings } = useStore(publicSettings);
  if (status === 'loading') {
    return (
      <p className="loading" role="status">
        {t('legal.loading')}
      </p>
    );
  }
  if (!settings) {
    return <p className="status status-problem">{t('legal.failed')}</p>;
  }
  const text = paragraphs(settings[field]);
  return (
    <>
      {text.length === 0 ? (
        <>
          <p>{t(`legal.${kind}.text`)}</p>
          <p className="muted">{t(`legal.${kind}.admin`)}</p>
        </>
      ) : (
        <div className="legal-text">
          {text.map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </div>
      )}
      {kind === 'imprint' && <Contact settings={settings} />}
    </>
  );
}

function Contact({ settings }: { settings: PublicSettings }) {
  const { t } = useTranslation();
  const contact = paragraphs(settings.associationContact);
  if (contact.length === 0) {
    return null;
  }
  return (
    <section aria-labelledby="legal-contact">
      <h2 id="legal-contact">{t('legal.contactHeading')}</h2>
      <div className="legal-text">
        <p>{settings.associationName}</p>
        {contact.map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </div>
    </section>
  );
}
