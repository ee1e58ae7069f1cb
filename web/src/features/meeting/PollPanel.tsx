import { POLL_MAX_OPTIONS, type PollView, type SignallingErrorCode } from '@treffpunkt/protocol';
import { useId, useState } from 'react';
import type { PollClient } from '../../core/meeting/poll-client';
import type { MeetingState } from '../../core/meeting/meeting-types';
import { isModerator } from '../../core/meeting/room-state-fns';
import { useStore } from '../../ui/use-store';
import { Icon } from './icons';
import { useMeetingText } from './i18n/meeting-i18n';
import './chat.css';

/**
 * The polls side panel: hosts prepare, start, end and share polls and see live results; everyone else votes
 * (and may change their vote until the poll ends) and sees the result once it is shared.
 */
export function PollPanel({
  polls,
  state,
  exportId,
  onClose,
}: {
  polls: PollClient;
  state: MeetingState;
  /** Hosts only: the occurrence for the results download (`/api/occurrences/:id/polls.csv`). */
  exportId?: string | undefined;
  onClose: () => void;
}) {
  const { t } = useMeetingText();
  const id = useId();
  const { polls: list, problemCode } = useStore(polls);
  const problem = problemCode === undefined ? undefined : t(`polls.problem.${problemKey(problemCode)}`);
  const moderator = isModerator(state.you);
  return (
    <aside className="panel chat-panel" aria-labelledby={`${id}-heading`}>
      <div className="panel-head">
        <h2 id={`${id}-heading`} className="panel-heading">
          {t('polls.heading')}
        </h2>
        <button type="button" className="button button-secondary panel-close" onClick={onClose}>
          <Icon name="close" />
          <span>{t('polls.close')}</span>
        </button>
      </div>
      {problem && (
        <p className="chat-problem" role="alert">
          {problem}
        </p>
      )}
      {list.length === 0 && <p className="chat-empty">{t('polls.none')}</p>}
      <ul className="poll-list" aria-label={t('polls.listLabel')}>
        {list.map((poll) => (
          <li key={poll.pollId} className="chat-row">
            <PollCard poll={poll} polls={polls} moderator={moderator} />
          </li>
        ))}
      </ul>
      {moderator && exportId && list.some((poll) => poll.status !== 'draft') && (
        <p className="poll-download">
          <a href={`/api/occurrences/${encodeURIComponent(exportId)}/polls.csv`} download>
            {t('polls.download')}
          </a>
        </p>
      )}
      {moderator && exportId && list.some((poll) => poll.status !== 'draft') && (
        <p className="chat-hint">{t('polls.downloadHint')}</p>
      )}
      {moderator && <PollForm polls={polls} />}
    </aside>
  );
}

/** The server's refusal (its words are English, for logs and tools) as a key of the person's texts. */
function problemKey(code: SignallingErrorCode): 'forbidden' | 'notFound' | 'rateLimited' | 'other' {
  switch (code) {
    case 'forbidden':
      return 'forbidden';
    case 'not_found':
      return 'notFound';
    case 'rate_limited':
      return 'rateLimited';
    default:
      return 'other';
  }
}

function PollCard({ poll, polls, moderator }: { poll: PollView; polls: PollClient; moderator: boolean }) {
  const { t } = useMeetingText();
  const id = useId();
  const [choices, setChoices] = useState<number[]>(poll.yourChoices ?? []);
  const kind = `${poll.multiple ? t('polls.kindMultiple') : t('polls.kindSingle')}, ${
    poll.anonymous ? t('polls.kindAnonymous') : t('polls.kindNamed')
  }`;
  const toggle = (choice: number) =>
    setChoices((before) =>
      poll.multiple
        ? before.includes(choice)
          ? before.filter((item) => item !== choice)
          : [...before, choice]
        : [choice],
    );
  return (
    <section aria-labelledby={`${id}-q`}>
      <h3 id={`${id}-q`} className="poll-question" dir="auto">
        {poll.question}
      </h3>
      <p className="chat-hint">
        {t(`polls.status.${poll.status}`)} · {kind}
      </p>
      {poll.status === 'open' && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (choices.length > 0) {
              polls.vote(poll.pollId, choices);
            }
          }}
        >
          <fieldset className="chat-audience">
            <legend className="visually-hidden">{poll.question}</legend>
            {poll.options.map((option, choice) => (
              <label key={choice} dir="auto">
                <input
                  type={poll.multiple ? 'checkbox' : 'radio'}
                  name={`${id}-choice`}
                  checked={choices.includes(choice)}
                  onChange={() => toggle(choice)}
                />
                {option}
              </label>
            ))}
          </fieldset>
          {poll.yourChoices && <p className="chat-hint">{t('polls.yourVote')}</p>}
          <button
            type="submit"
            className="button button-primary"
            aria-disabled={choices.length === 0 || undefined}
          >
            {poll.yourChoices ? t('polls.changeVote') : t('polls.vote')}
          </button>
        </form>
      )}
      {poll.status === 'closed' && <p className="poll-closed">{t('polls.closedNoVote')}</p>}
      {poll.tallies && (
        <>
          <ul className="poll-results" aria-label={t('polls.resultHeading')}>
            {poll.options.map((option, choice) => (
              <li key={choice} dir="auto">
                <span className="poll-result-text">
                  {t('polls.result', { option, count: poll.tallies?.[choice] ?? 0 })}
                </span>
                {poll.named && (poll.tallies?.[choice] ?? 0) > 0 && (
                  <span className="chat-hint">
                    {' '}
                    –{' '}
                    {t('polls.namesOf', {
                      names: poll.named
                        .filter((vote) => vote.choices.includes(choice))
                        .map((vote) => vote.name)
                        .join(', '),
                    })}
                  </span>
                )}
                <span
                  className="poll-bar"
                  aria-hidden="true"
                  style={{
                    width: `${poll.voters ? Math.round(((poll.tallies?.[choice] ?? 0) * 100) / poll.voters) : 0}%`,
                  }}
                />
              </li>
            ))}
          </ul>
          <p className="chat-hint">{t('polls.voters', { count: poll.voters ?? 0 })}</p>
        </>
      )}
      {poll.resultsShared && <p className="chat-hint">{t('polls.shared')}</p>}
      {moderator && (
        <div className="poll-actions">
          {poll.status === 'draft' && (
            <button type="button" className="button button-primary" onClick={() => polls.launch(poll.pollId)}>
              {t('polls.launch')}
            </button>
          )}
          {poll.status === 'open' && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => polls.close(poll.pollId)}
            >
              {t('polls.closePoll')}
            </button>
          )}
          {poll.status !== 'draft' && !poll.resultsShared && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => polls.share(poll.pollId)}
            >
              {t('polls.share')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

function PollForm({ polls }: { polls: PollClient }) {
  const { t } = useMeetingText();
  const id = useId();
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState('');
  const [multiple, setMultiple] = useState(false);
  const [anonymous, setAnonymous] = useState(true);
  const [problem, setProblem] = useState<string>();
  return (
    <form
      className="chat-compose"
      aria-labelledby={`${id}-h`}
      onSubmit={(event) => {
        event.preventDefault();
        const answers = options
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean);
        if (question.trim() === '') {
          setProblem(t('polls.questionProblem'));
        } else if (answers.length < 2 || answers.length > POLL_MAX_OPTIONS) {
          setProblem(t('polls.optionsProblem'));
        } else {
          polls.create({ question: question.trim(), options: answers, multiple, anonymous });
          setQuestion('');
          setOptions('');
          setProblem(undefined);
        }
      }}
    >
      <h3 id={`${id}-h`}>{t('polls.createHeading')}</h3>
      <label htmlFor={`${id}-q`} className="chat-label">
        {t('polls.question')}
      </label>
      <input
        id={`${id}-q`}
        className="chat-input"
        maxLength={300}
        value={question}
        onChange={(event) => setQuestion(event.target.value)}
      />
      <label htmlFor={`${id}-o`} className="chat-label">
        {t('polls.options')}
      </label>
      <textarea
        id={`${id}-o`}
        className="chat-input"
        rows={4}
        value={options}
        onChange={(event) => setOptions(event.target.value)}
      />
      <label className="chat-switch">
        <input type="checkbox" checked={multiple} onChange={(event) => setMultiple(event.target.checked)} />
        {t('polls.multiple')}
      </label>
      <label className="chat-switch">
        <input type="checkbox" checked={anonymous} onChange={(event) => setAnonymous(event.target.checked)} />
        {t('polls.anonymous')}
      </label>
      {problem && (
        <p className="chat-problem" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="button button-primary chat-send">
        {t('polls.create')}
      </button>
    </form>
  );
}
