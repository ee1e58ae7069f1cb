import { useState } from 'react';
import { toApiError } from '../../core/api-client';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { TextArea } from '../../ui/form/fields';
import { LinkifiedText } from '../../ui/LinkifiedText';
import { Page } from '../../ui/Page';
import { useQuery } from '../../ui/use-task';
import { groupSpaceApi, type GroupAccess, type GroupMessage } from './group-space-api';
import { GroupMembersSection } from './GroupMembersSection';
import { useMeetingsText } from './i18n/meetings-i18n';

const MAX_LENGTH = 2000;

const newClientId = () => crypto.randomUUID().replace(/-/g, '');

/**
 * The group space of a series: messages between meetings, for invitees (`/j/<token>/gruppe`) and hosts
 * (`/treffen/<id>/gruppe`). A message keeps its client id until the server has it, so sending again after a
 * failure never makes a second one.
 */
export function GroupSpacePage({ access }: { access: GroupAccess }) {
  const { t, problem, language } = useMeetingsText();
  const [groups] = useState(() => groupSpaceApi(access));
  const query = useQuery('group', (signal) => groups.page(undefined, signal));
  const [older, setOlder] = useState<GroupMessage[]>([]);
  const [hasOlder, setHasOlder] = useState<boolean | undefined>(undefined);
  const [text, setText] = useState('');
  const [pending, setPending] = useState<{ clientId: string; text: string } | undefined>(undefined);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState('');
  /** A host action or the summary switch that did not work (the composer has its own error). */
  const [actionFailure, setActionFailure] = useState('');
  const [status, setStatus] = useState('');
  const [removing, setRemoving] = useState<GroupMessage | undefined>(undefined);
  /** The switch as the person set it, until the server's page says so too. */
  const [removingPerson, setRemovingPerson] = useState<GroupMessage | undefined>(undefined);
  const [digestOn, setDigestOn] = useState<boolean | undefined>(undefined);
  /** Bumped when a person is taken out from their message, so the hosts' list of people reloads. */
  const [membersVersion, setMembersVersion] = useState(0);

  if (query.status === 'failed' && query.error && !query.data) {
    return (
      <Page title={t('group.title')}>
        <p className="error-summary" role="alert">
          {problem(query.error)}
        </p>
      </Page>
    );
  }
  if (!query.data) {
    return (
      <Page title={t('group.title')}>
        <p role="status">{t('group.loading')}</p>
      </Page>
    );
  }
  const messages = [...older, ...query.data.messages];
  const canLoadOlder = hasOlder ?? query.data.hasOlder;
  const format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });

  /** Announces a finished action to screen readers and clears an earlier action's error. */
  const done = (text: string) => {
    setActionFailure('');
    setStatus(text);
  };

  const send = async () => {
    const typed = text.trim() === '' ? '' : text;
    if (typed === '') {
      setFailure(t('group.empty'));
      document.getElementById('group-text')?.focus();
      return;
    }
    const outgoing = pending?.text === typed ? pending : { clientId: newClientId(), text: typed };
    setPending(outgoing);
    setSending(true);
    setFailure('');
    try {
      await groups.post(outgoing.clientId, outgoing.text);
      setPending(undefined);
      setText('');
      setStatus(t('group.sent'));
      query.reload();
    } catch (error) {
      setFailure(problem(toApiError(error)));
    } finally {
      setSending(false);
    }
  };

  const loadOlder = async () => {
    const first = messages[0];
    try {
      const page = await groups.page(first?.seq);
      setOlder([...page.messages, ...older]);
      setHasOlder(page.hasOlder);
    } catch {
      setActionFailure(t('group.olderFailed'));
    }
  };

  /** New messages come on request (no polling: each look-up with a personal link counts against its limit). */
  const refresh = () => {
    setOlder([]);
    setHasOlder(undefined);
    query.reload();
  };

  const remove = async (message: GroupMessage) => {
    setRemoving(undefined);
    try {
      await groups.remove(message.id);
      done(t('group.removed'));
      query.reload();
    } catch (error) {
      setActionFailure(problem(toApiError(error)));
    }
  };

  const removePerson = async (message: GroupMessage) => {
    setRemovingPerson(undefined);
    try {
      await groups.setPersonRemoved(message.authorInvitationId ?? '', true);
      done(t('group.personRemoved', { name: message.author.name }));
      setMembersVersion((version) => version + 1);
    } catch (error) {
      setActionFailure(problem(toApiError(error)));
    }
  };

  return (
    <Page title={t('group.title')}>
      <p className="lead">{t('group.intro', { title: query.data.title })}</p>
      <p className="muted">{t('group.privacy', { days: query.data.retentionDays })}</p>
      {actionFailure !== '' && (
        <p className="status status-problem" role="alert">
          {actionFailure}
        </p>
      )}
      <section className="card" aria-labelledby="group-messages-heading">
        <h2 id="group-messages-heading">{t('group.messagesHeading')}</h2>
        {canLoadOlder && (
          <p>
            <button type="button" className="button button-secondary" onClick={() => void loadOlder()}>
              {t('group.older')}
            </button>
          </p>
        )}
        {messages.length === 0 ? (
          <p className="empty-state-title">{t('group.none')}</p>
        ) : (
          <ol className="group-messages">
            {messages.map((message) => (
              <li key={message.id} className={message.mine ? 'group-message mine' : 'group-message'}>
                <p className="group-message-meta">
                  <strong>{message.author.name}</strong>
                  {message.author.role === 'host' && <span className="badge">{t('group.host')}</span>}{' '}
                  <time dateTime={message.createdAt}>{format.format(new Date(message.createdAt))}</time>
                </p>
                {message.removed ? (
                  <p className="muted">{t('group.removedText')}</p>
                ) : (
                  <p>
                    <LinkifiedText text={message.text} />
                  </p>
                )}
                {access.kind === 'host' && (
                  <div className="actions">
                    {!message.removed && (
                      <button
                        type="button"
                        className="button button-danger-outline"
                        onClick={() => setRemoving(message)}
                      >
                        {t('group.remove')}
                      </button>
                    )}
                    {message.authorInvitationId && (
                      <button
                        type="button"
                        className="button button-danger-outline"
                        onClick={() => setRemovingPerson(message)}
                      >
                        {t('group.removePerson', { name: message.author.name })}
                      </button>
                    )}
                  </div>
                )}
              </li>
            ))}
          </ol>
        )}
        <p>
          <button type="button" className="button button-secondary" onClick={refresh}>
            {t('group.refresh')}
          </button>
        </p>
      </section>
      <div className="card">
        <label className="checkbox-row">
          <input
            type="checkbox"
            checked={digestOn ?? query.data.digest}
            onChange={(event) => {
              const enabled = event.target.checked;
              setDigestOn(enabled);
              void groups.setDigest(enabled).then(
                () => done(t('group.digestSaved')),
                (error: unknown) => {
                  setDigestOn(undefined);
                  setActionFailure(problem(toApiError(error)));
                },
              );
            }}
          />{' '}
          {t('group.digestLabel', { count: query.data.digestDays })}
        </label>
      </div>
      <section className="card" aria-labelledby="group-write-heading">
        <h2 id="group-write-heading">{t('group.writeHeading')}</h2>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          <TextArea
            id="group-text"
            label={t('group.textLabel')}
            hint={t('group.textHint', { count: MAX_LENGTH - text.length })}
            error={failure === '' ? undefined : failure}
            maxLength={MAX_LENGTH}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
          <button type="submit" className="button button-primary" aria-disabled={sending ? true : undefined}>
            {sending ? t('group.sending') : t('group.send')}
          </button>
        </form>
        <p role="status" className="visually-hidden">
          {status}
        </p>
      </section>
      {access.kind === 'host' && (
        <GroupMembersSection
          groups={groups}
          version={membersVersion}
          onStatus={done}
          onFailure={setActionFailure}
        />
      )}
      <ConfirmDialog
        open={removing !== undefined}
        title={t('group.removeTitle')}
        text={t('group.removeText')}
        confirmLabel={t('group.remove')}
        onConfirm={() => removing && void remove(removing)}
        onCancel={() => setRemoving(undefined)}
      />
      <ConfirmDialog
        open={removingPerson !== undefined}
        title={t('group.removePersonTitle', { name: removingPerson?.author.name ?? '' })}
        text={t('group.removePersonText')}
        confirmLabel={t('group.removePersonConfirm')}
        onConfirm={() => removingPerson && void removePerson(removingPerson)}
        onCancel={() => setRemovingPerson(undefined)}
      />
    </Page>
  );
}
