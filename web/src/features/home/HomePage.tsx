import { useTranslation } from 'react-i18next';
import { Link } from '../../ui/Link';
import { Page } from '../../ui/Page';
import { JoinMeetingForm } from './JoinMeetingForm';

export function HomePage() {
  const { t } = useTranslation();
  return (
    <Page title={t('home.pageTitle')} heading={t('home.title')}>
      <p className="lead">{t('home.intro')}</p>

      <section className="card" aria-labelledby="home-join">
        <h2 id="home-join">{t('home.join.heading')}</h2>
        <JoinMeetingForm />
      </section>

      <section className="card card-accent" aria-labelledby="home-test">
        <h2 id="home-test">{t('home.test.heading')}</h2>
        <p>{t('home.test.text')}</p>
        <p>
          <Link to="/test" className="button button-primary button-large">
            {t('home.test.link')}
          </Link>
        </p>
      </section>

      <section className="card" aria-labelledby="home-login">
        <h2 id="home-login">{t('home.login.heading')}</h2>
        <p>{t('home.login.text')}</p>
        <p>
          <Link to="/anmelden" className="button button-secondary">
            {t('home.login.link')}
          </Link>
        </p>
      </section>
    </Page>
  );
}
