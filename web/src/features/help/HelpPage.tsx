import { useTranslation } from 'react-i18next';
import { Link } from '../../ui/Link';
import { Page } from '../../ui/Page';

export function HelpPage() {
  const { t } = useTranslation();
  const steps = t('help.firstInvitation.steps', { returnObjects: true });
  const items = t('help.quickStart.items', { returnObjects: true });
  return (
    <Page title={t('help.title')}>
      <p className="lead">{t('help.intro')}</p>

      <section className="card" aria-labelledby="help-first">
        <h2 id="help-first">{t('help.firstInvitation.heading')}</h2>
        <ol className="steps-list">
          {steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        <p>{t('help.firstInvitation.phone')}</p>
      </section>

      <section className="card" aria-labelledby="help-quick">
        <h2 id="help-quick">{t('help.quickStart.heading')}</h2>
        <ul className="plain-list">
          {items.map((item) => (
            <li key={item.term}>
              <strong>{item.term}:</strong> {item.text}
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="help-test">
        <h2 id="help-test">{t('help.setupTest.heading')}</h2>
        <p>{t('help.setupTest.text')}</p>
        <p>
          <Link to="/test" className="button button-primary">
            {t('help.setupTest.link')}
          </Link>
        </p>
      </section>
    </Page>
  );
}
