import { useMeetingsText } from './i18n/meetings-i18n';
import type { OccurrenceRecords } from './meetings-types';

const chatFormats = ['txt', 'csv', 'json'] as const;

/**
 * Under a past date: what its chat and polls hold, the day they are deleted, and the downloads (the server
 * decides who may download; private messages to the hosts are in it, so only hosts see this dashboard).
 */
export function PastRecords({ occurrenceId, records }: { occurrenceId: string; records: OccurrenceRecords }) {
  const { t, language } = useMeetingsText();
  if (records.chatMessages === 0 && records.polls === 0) {
    return <p className="muted past-records">{t('dashboard.recordsNone')}</p>;
  }
  const base = `/api/occurrences/${encodeURIComponent(occurrenceId)}`;
  const deletedOn = new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(
    new Date(records.keptUntil),
  );
  return (
    <div className="past-records">
      <p className="muted">
        {t('dashboard.records', { messages: records.chatMessages, polls: records.polls })}{' '}
        {t('dashboard.recordsDeleted', { date: deletedOn })}
      </p>
      <ul className="plain-list inline-links">
        {records.chatMessages > 0 &&
          chatFormats.map((format) => (
            <li key={format}>
              <a href={`${base}/chat.${format}`} download>
                {t(`dashboard.download.${format}`)}
              </a>
            </li>
          ))}
        {records.polls > 0 && (
          <li>
            <a href={`${base}/polls.csv`} download>
              {t('dashboard.download.polls')}
            </a>
          </li>
        )}
      </ul>
    </div>
  );
}
