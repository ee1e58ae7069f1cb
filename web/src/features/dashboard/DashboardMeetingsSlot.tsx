import { useTranslation } from 'react-i18next';
import { isPlatformAdmin } from '../../core/session-fns';
import { useSession } from '../../ui/use-session';
import { registerMeetingsTexts } from '../meetings/i18n/meetings-i18n';
import { MeetingsDashboard } from '../meetings/MeetingsDashboard';
import '../meetings/meetings.css';

registerMeetingsTexts();

export interface DashboardMeetingsSlotProps {
  /** The host's active organisations (from `GET /api/auth/me`), for which meetings can be planned. */
  organisations: ReadonlyArray<{ id: string; name: string }>;
  /** Id of the section heading, so the section is a named region. */
  headingId: string;
}

/**
 * The dashboard's "Ihre Treffen": the host's upcoming dates with their actions, the past ones, and "plan a
 * meeting" (features/meetings).
 */
export function DashboardMeetingsSlot({ organisations, headingId }: DashboardMeetingsSlotProps) {
  const { t } = useTranslation();
  const { me } = useSession();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('dashboard.meetingsHeading')}</h2>
      <MeetingsDashboard
        canPlan={organisations.length > 0 || isPlatformAdmin(me)}
        showOrganisation={organisations.length > 1}
      />
    </section>
  );
}
