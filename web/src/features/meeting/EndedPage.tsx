import { endPage } from '../../core/meeting/meeting-errors-fns';
import type { EndCause } from '../../core/meeting/meeting-types';
import { Link } from '../../ui/Link';
import { useMeetingText, type MeetingKey } from './i18n/meeting-i18n';
import { MeetingFrame } from './MeetingFrame';

/**
 * After the meeting, or when it could not be joined: what happened in plain words, and what the person can do —
 * join again where that can work, the start page, the setup test.
 */
export function EndedPage({ cause, onRejoin }: { cause: EndCause; onRejoin?: () => void }) {
  const { t } = useMeetingText();
  const page = endPage(cause);
  const key = (part: 'title' | 'text') => `ended.${page.key}.${part}` as MeetingKey;
  return (
    <MeetingFrame title={t(key('title'))}>
      <p className={page.tone === 'problem' ? 'status status-problem lead' : 'lead'}>{t(key('text'))}</p>
      <div className="actions">
        {page.canRejoin && onRejoin && (
          <button type="button" className="button button-primary button-large" onClick={onRejoin}>
            {t('ended.rejoin')}
          </button>
        )}
        <Link to="/" className="button button-secondary">
          {t('ended.home')}
        </Link>
        <Link to="/test" className="button button-secondary">
          {t('ended.test')}
        </Link>
      </div>
    </MeetingFrame>
  );
}
