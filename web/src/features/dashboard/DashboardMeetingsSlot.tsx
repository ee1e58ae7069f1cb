import { useTranslation } from 'react-i18next';

export interface DashboardMeetingsSlotProps {
  /** The host's active organisations (from `GET /api/auth/me`), for which meetings can be planned. */
  organisations: ReadonlyArray<{ id: string; name: string }>;
  /** Id of the section heading, so the section is a named region. */
  headingId: string;
}

/**
 * SLOT for the meetings feature (issue: scheduling). The dashboard renders this component inside its
 * "Ihre Treffen" section and passes the host's organisations. Until meetings exist it shows the honest empty
 * state; the meetings feature replaces the body of this component with the host's upcoming meetings and the
 * "plan a meeting" action, keeping the props and the heading.
 */
export function DashboardMeetingsSlot({ headingId }: DashboardMeetingsSlotProps) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('dashboard.meetingsHeading')}</h2>
      <div className="empty-state">
        <p className="empty-state-title">{t('dashboard.meetingsEmpty')}</p>
        <p className="muted">{t('dashboard.meetingsLater')}</p>
      </div>
    </section>
  );
}
