import { useTranslation } from 'react-i18next';
import { Link } from '../../ui/Link';
import { Page } from '../../ui/Page';

type TermSection = 'quickStart' | 'inMeeting' | 'keyboard' | 'hosting' | 'phone';

/** A card with a heading and a list of "term: explanation" lines, from `help.<section>`. */
function TermList({ section, intro }: { section: TermSection; intro?: string }) {
  const { t } = useTranslation();
  const items = t(`help.${section}.items`, { returnObjects: true });
  const headingId = `help-${section}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(`help.${section}.heading`)}</h2>
      {intro ? <p>{intro}</p> : null}
      <ul className="plain-list">
        {items.map((item) => (
          <li key={item.term}>
            <strong>{item.term}:</strong> {item.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function HelpPage() {
  const { t } = useTranslation();
  const steps = t('help.firstInvitation.steps', { returnObjects: true });
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

      <TermList section="quickStart" />
      <TermList section="inMeeting" />
      <TermList section="keyboard" intro={t('help.keyboard.intro')} />
      <TermList section="phone" />
      <TermList section="hosting" />

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
