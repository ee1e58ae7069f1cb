import type { PollView } from '@treffpunkt/protocol';
import { useState } from 'react';
import { api, toApiError } from '../../core/api-client';
import { Checkbox } from '../../ui/form/choices';
import { TextArea, TextField } from '../../ui/form/fields';
import { useQuery } from '../../ui/use-task';
import { FormShell, useSubmit, type ShownProblem } from './form-shell';
import { useMeetingsText } from './i18n/meetings-i18n';
import type { Occurrence } from './meetings-types';
import { formatSpan } from './time-fns';

const MAX_OPTIONS = 10;

/** One answer per line; empty lines do not count. */
const optionsOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/**
 * Polls prepared before the meeting for its next date: hosts write them here at leisure and launch them in the
 * room with one click. Drafts can be taken back; launched polls stay with the meeting.
 */
export function PollDraftsSection({ occurrence }: { occurrence: Occurrence }) {
  const { t, problem, language } = useMeetingsText();
  const base = `/api/occurrences/${encodeURIComponent(occurrence.id)}/polls`;
  const query = useQuery(`polls-${occurrence.id}`, (signal) =>
    api.get<{ items: PollView[]; max: number }>(base, { signal }),
  );
  const [question, setQuestion] = useState('');
  const [answers, setAnswers] = useState('');
  const [multiple, setMultiple] = useState(false);
  const [anonymous, setAnonymous] = useState(true);
  const [status, setStatus] = useState('');
  const state = useSubmit<PollView>();

  const submit = () => {
    const options = optionsOf(answers);
    const found: ShownProblem[] = [];
    if (question.trim() === '') {
      found.push({ field: 'poll-question', message: t('polls.questionEmpty') });
    }
    if (options.length < 2 || options.length > MAX_OPTIONS) {
      found.push({ field: 'poll-options', message: t('polls.optionsCount', { max: MAX_OPTIONS }) });
    }
    state.submit(
      found,
      () => api.post<PollView>(base, { question: question.trim(), options, multiple, anonymous }),
      () => {
        setQuestion('');
        setAnswers('');
        setStatus(t('polls.saved'));
        query.reload();
      },
    );
  };

  const remove = async (poll: PollView) => {
    try {
      await api.request('DELETE', `${base}/${encodeURIComponent(poll.pollId)}`);
      setStatus(t('polls.removed', { question: poll.question }));
    } catch (error) {
      setStatus(problem(toApiError(error)));
    }
    query.reload();
  };

  const polls = query.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="poll-drafts">
      <h2 id="poll-drafts">{t('polls.heading')}</h2>
      <p className="muted">
        {t('polls.intro', { when: formatSpan(occurrence.start, occurrence.end, language) })}
      </p>
      <p role="status" className="status-line">
        {status}
      </p>
      {polls.length === 0 && query.status === 'done' && <p>{t('polls.empty')}</p>}
      {polls.length > 0 && (
        <ul className="plain-list poll-drafts">
          {polls.map((poll) => (
            <li key={poll.pollId}>
              <p className="poll-draft-question">{poll.question}</p>
              <p className="muted">
                {poll.options.join(' · ')} — {t(poll.multiple ? 'polls.kindMultiple' : 'polls.kindSingle')},{' '}
                {t(poll.anonymous ? 'polls.kindAnonymous' : 'polls.kindNamed')},{' '}
                {t(`polls.status.${poll.status}`)}
              </p>
              {poll.status === 'draft' && (
                <button type="button" className="button button-secondary" onClick={() => void remove(poll)}>
                  {t('polls.remove')}
                  <span className="visually-hidden">: {poll.question}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('polls.newHeading')}</h3>
      <FormShell state={state} onSubmit={submit} submitLabel={t('polls.save')} busyLabel={t('form.saving')}>
        <TextField
          id="poll-question"
          label={t('polls.question')}
          maxLength={300}
          value={question}
          error={state.errorFor('poll-question')}
          onChange={(event) => setQuestion(event.target.value)}
        />
        <TextArea
          id="poll-options"
          label={t('polls.options')}
          hint={t('polls.optionsHint', { max: MAX_OPTIONS })}
          rows={4}
          value={answers}
          error={state.errorFor('poll-options')}
          onChange={(event) => setAnswers(event.target.value)}
        />
        <Checkbox id="poll-multiple" label={t('polls.multiple')} checked={multiple} onChange={setMultiple} />
        <Checkbox
          id="poll-anonymous"
          label={t('polls.anonymous')}
          hint={t('polls.anonymousHint')}
          checked={anonymous}
          onChange={setAnonymous}
        />
      </FormShell>
    </section>
  );
}
