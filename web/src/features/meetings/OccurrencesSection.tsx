import { useState } from 'react';
import { toApiError } from '../../core/api-client';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useQuery } from '../../ui/use-task';
import { useMeetingsText } from './i18n/meetings-i18n';
import { meetingsApi } from './meetings-api';
import type { Meeting, Occurrence } from './meetings-types';
import { MoveForm, SplitForm } from './OccurrenceForms';
import { formatSpan } from './time-fns';

type Open = { id: string; form: 'move' | 'split' } | undefined;

const PAGE = 12;

/**
 * The dates of a series still to come: cancel or restore one, move one, or change "this and following". Each
 * change mails invitees an update; the list and the meeting reload afterwards.
 */
export function OccurrencesSection({ meeting, onChanged }: { meeting: Meeting; onChanged: () => void }) {
  const { t, problem, language } = useMeetingsText();
  const query = useQuery(`occurrences-${meeting.id}-${meeting.updatedAt}`, (signal) =>
    meetingsApi.occurrences(meeting.id, signal),
  );
  const [open, setOpen] = useState<Open>();
  const [confirm, setConfirm] = useState<Occurrence>();
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState('');
  const [shown, setShown] = useState(PAGE);
  const [now] = useState(() => Date.now());
  const upcoming = (query.data?.items ?? []).filter((occurrence) => Date.parse(occurrence.end) > now);
  const active = meeting.status === 'active';

  const done = (text: string) => {
    setOpen(undefined);
    setFailure('');
    setMessage(text);
    // An occurrence change need not touch the meeting itself: reload both.
    query.reload();
    onChanged();
  };
  const act = async (occurrence: Occurrence, action: 'cancel' | 'restore') => {
    setConfirm(undefined);
    try {
      await meetingsApi.occurrenceAction(meeting.id, occurrence.id, action);
      done(action === 'cancel' ? t('occurrences.cancelled') : t('occurrences.restored'));
    } catch (error) {
      setFailure(problem(toApiError(error)));
    }
  };

  return (
    <section className="card" aria-labelledby="occurrences-heading">
      <h2 id="occurrences-heading">{t('occurrences.heading')}</h2>
      <p className="muted">{t('occurrences.intro')}</p>
      <p role="status" className="form-status status-ok">
        {message}
      </p>
      {failure !== '' && (
        <p role="alert" className="status status-problem">
          {failure}
        </p>
      )}
      {query.status === 'failed' && query.error && (
        <ErrorMessage error={query.error} onRetry={query.reload} />
      )}
      {query.status === 'done' && upcoming.length === 0 && (
        <p className="empty-state">{t('occurrences.empty')}</p>
      )}
      <ul className="occurrence-list">
        {upcoming.slice(0, shown).map((occurrence, index) => {
          const when = formatSpan(occurrence.start, occurrence.end, language);
          return (
            <li key={occurrence.id} className="occurrence">
              <p className="occurrence-when">
                <time dateTime={occurrence.start}>{when}</time>{' '}
                {occurrence.status !== 'scheduled' && (
                  <span className={`badge badge-occurrence-${occurrence.status}`}>
                    {t(`status.${occurrence.status}`)}
                  </span>
                )}
              </p>
              {active && (
                <div className="record-actions">
                  {occurrence.status === 'cancelled' ? (
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      aria-label={t('occurrences.restoreFor', { when })}
                      onClick={() => void act(occurrence, 'restore')}
                    >
                      {t('occurrences.restore')}
                    </button>
                  ) : (
                    <>
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        aria-expanded={open?.id === occurrence.id && open.form === 'move'}
                        aria-label={t('occurrences.moveFor', { when })}
                        onClick={() => setOpen({ id: occurrence.id, form: 'move' })}
                      >
                        {t('occurrences.move')}
                      </button>
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        aria-expanded={open?.id === occurrence.id && open.form === 'split'}
                        aria-label={t('occurrences.splitFor', { when })}
                        onClick={() => setOpen({ id: occurrence.id, form: 'split' })}
                      >
                        {t('occurrences.split')}
                      </button>
                      {occurrence.status === 'moved' && (
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          aria-label={t('occurrences.resetFor', { when })}
                          onClick={() => void act(occurrence, 'restore')}
                        >
                          {t('occurrences.reset')}
                        </button>
                      )}
                      <button
                        type="button"
                        className="button button-danger-outline button-small"
                        aria-label={t('occurrences.cancelFor', { when })}
                        onClick={() => setConfirm(occurrence)}
                      >
                        {t('occurrences.cancel')}
                      </button>
                    </>
                  )}
                </div>
              )}
              {open?.id === occurrence.id && open.form === 'move' && (
                <MoveForm
                  meeting={meeting}
                  occurrence={occurrence}
                  onDone={() => done(t('occurrences.moved'))}
                  onClose={() => setOpen(undefined)}
                />
              )}
              {open?.id === occurrence.id && open.form === 'split' && (
                <SplitForm
                  meeting={meeting}
                  occurrence={occurrence}
                  remaining={upcoming.length - index}
                  onDone={() => done(t('occurrences.splitDone'))}
                  onClose={() => setOpen(undefined)}
                />
              )}
            </li>
          );
        })}
      </ul>
      {upcoming.length > shown && (
        <p>
          <button type="button" className="button button-secondary" onClick={() => setShown(upcoming.length)}>
            {t('occurrences.showAll', { count: upcoming.length })}
          </button>
        </p>
      )}
      <ConfirmDialog
        open={confirm !== undefined}
        title={t('occurrences.confirmTitle')}
        text={
          confirm
            ? t('occurrences.confirmText', { when: formatSpan(confirm.start, confirm.end, language) })
            : ''
        }
        confirmLabel={t('occurrences.confirmButton')}
        onConfirm={() => confirm && void act(confirm, 'cancel')}
        onCancel={() => setConfirm(undefined)}
      />
    </section>
  );
}
