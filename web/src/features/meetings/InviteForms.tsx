import { useId, useState, type ChangeEvent } from 'react';
import { SelectField } from '../../ui/form/choices';
import { TextArea, TextField } from '../../ui/form/fields';
import { FormShell, useSubmit } from './form-shell';
import { useMeetingsText } from './i18n/meetings-i18n';
import { meetingsApi } from './meetings-api';
import type { ImportPreview, InviteResult } from './meetings-types';

type Language = 'de' | 'en';
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What happened, in one sentence per kind: sent, already invited, not recognised. */
export function useResultText() {
  const { t } = useMeetingsText();
  return (result: InviteResult) =>
    [
      result.invited.length > 0 ? t('invitations.resultInvited', { count: result.invited.length }) : '',
      result.alreadyInvited.length > 0
        ? t('invitations.resultAlready', {
            count: result.alreadyInvited.length,
            list: result.alreadyInvited.join(', '),
          })
        : '',
      result.rejected.length > 0 ? t('invitations.resultRejected', { count: result.rejected.length }) : '',
    ]
      .filter(Boolean)
      .join(' ');
}

function LanguageSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: Language;
  onChange: (l: Language) => void;
}) {
  const { t } = useMeetingsText();
  return (
    <SelectField<Language>
      id={id}
      label={t('invitations.language')}
      hint={t('invitations.languageHint')}
      options={[
        { value: 'de', label: t('invitations.languages.de') },
        { value: 'en', label: t('invitations.languages.en') },
      ]}
      value={value}
      onChange={onChange}
    />
  );
}

/** One person: address, name, language. */
export function InviteOneForm({
  meetingId,
  onInvited,
}: {
  meetingId: string;
  onInvited: (text: string) => void;
}) {
  const { t } = useMeetingsText();
  const resultText = useResultText();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [language, setLanguage] = useState<Language>('de');
  const state = useSubmit<InviteResult>((error) =>
    error.fields.some((field) => field.includes('email')) ? 'invite-email' : undefined,
  );
  const submit = () => {
    const trimmed = email.trim();
    const problems =
      trimmed === ''
        ? [{ field: 'invite-email', message: t('invitations.errors.emailEmpty') }]
        : !emailPattern.test(trimmed)
          ? [{ field: 'invite-email', message: t('invitations.errors.emailInvalid') }]
          : [];
    state.submit(
      problems,
      () => meetingsApi.invite(meetingId, { invitees: [{ email: trimmed, name: name.trim(), language }] }),
      (result) => {
        setEmail('');
        setName('');
        onInvited(resultText(result));
      },
    );
  };
  return (
    <FormShell
      state={state}
      onSubmit={submit}
      submitLabel={t('invitations.inviteOne')}
      busyLabel={t('invitations.sending')}
      labelledBy="invite-one-heading"
    >
      <TextField
        id="invite-email"
        type="email"
        label={t('invitations.email')}
        autoComplete="off"
        spellCheck={false}
        maxLength={254}
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={state.errorFor('invite-email')}
      />
      <TextField
        id="invite-name"
        label={t('invitations.name')}
        hint={t('invitations.nameHint')}
        optional
        autoComplete="off"
        maxLength={200}
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
      <LanguageSelect id="invite-language" value={language} onChange={setLanguage} />
    </FormShell>
  );
}

/**
 * A pasted list or a spreadsheet export (CSV): checked first (nothing is sent), then sent to the addresses found.
 * Lines that are not understood are listed with their number.
 */
export function InviteListForm({
  meetingId,
  onInvited,
}: {
  meetingId: string;
  onInvited: (text: string) => void;
}) {
  const { t } = useMeetingsText();
  const id = useId();
  const resultText = useResultText();
  const [text, setText] = useState('');
  const [fileNote, setFileNote] = useState('');
  const [language, setLanguage] = useState<Language>('de');
  const [preview, setPreview] = useState<ImportPreview>();
  const check = useSubmit<ImportPreview>();
  const send = useSubmit<InviteResult>();

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) {
      return;
    }
    if (file.size > 200_000) {
      setFileNote(t('invitations.fileTooLarge'));
      return;
    }
    setText(await file.text());
    setPreview(undefined);
    setFileNote(t('invitations.fileRead', { name: file.name }));
  };
  const submitCheck = () =>
    check.submit(
      text.trim() === '' ? [{ field: 'invite-list', message: t('invitations.errors.listEmpty') }] : [],
      () => meetingsApi.previewImport(meetingId, text),
      setPreview,
    );
  const submitSend = () => {
    if (!preview) {
      return;
    }
    send.submit(
      [],
      () => meetingsApi.invite(meetingId, { invitees: preview.invitees, language }),
      (result) => {
        setText('');
        setPreview(undefined);
        setFileNote('');
        onInvited(resultText(result));
      },
    );
  };

  return (
    <>
      <FormShell
        state={check}
        onSubmit={submitCheck}
        submitLabel={t('invitations.check')}
        busyLabel={t('invitations.checking')}
        labelledBy="invite-list-heading"
      >
        <TextArea
          id="invite-list"
          label={t('invitations.list')}
          hint={t('invitations.listHint')}
          rows={6}
          spellCheck={false}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setPreview(undefined);
          }}
          error={check.errorFor('invite-list')}
        />
        <div className="field">
          <label htmlFor={`${id}-file`} className="field-label">
            {t('invitations.file')}
          </label>
          <p id={`${id}-file-hint`} className="field-hint">
            {t('invitations.fileHint')}
          </p>
          <input
            id={`${id}-file`}
            type="file"
            className="file-input"
            accept=".csv,.txt,text/csv,text/plain"
            aria-describedby={`${id}-file-hint`}
            onChange={(event) => void readFile(event)}
          />
          <p role="status" className="field-hint">
            {fileNote}
          </p>
        </div>
      </FormShell>
      {preview && (
        <div className="inline-form" aria-labelledby={`${id}-preview`} role="region">
          <h3 id={`${id}-preview`}>{t('invitations.previewHeading')}</h3>
          <p>
            {preview.invitees.length === 0
              ? t('invitations.previewNone')
              : t('invitations.previewFound', { count: preview.invitees.length })}
            {preview.duplicates > 0 &&
              ` ${t('invitations.previewDuplicates', { count: preview.duplicates })}`}
          </p>
          {preview.invitees.length > 0 && (
            <ul className="plain-list preview-list">
              {preview.invitees.slice(0, 50).map((invitee) => (
                <li key={invitee.email}>
                  {invitee.name !== '' ? `${invitee.name} <${invitee.email}>` : invitee.email}
                </li>
              ))}
              {preview.invitees.length > 50 && (
                <li>{t('invitations.previewMore', { count: preview.invitees.length - 50 })}</li>
              )}
            </ul>
          )}
          {preview.rejected.length > 0 && (
            <>
              <p className="status status-problem">
                {t('invitations.previewRejected', { count: preview.rejected.length })}
              </p>
              <ul className="plain-list">
                {preview.rejected.slice(0, 50).map((line) => (
                  <li key={line.line}>
                    {t('invitations.rejectedLine', {
                      line: line.line,
                      text: line.text,
                      reason: t(`invitations.reasons.${line.reason}`),
                    })}
                  </li>
                ))}
              </ul>
            </>
          )}
          {preview.invitees.length > 0 && (
            <FormShell
              state={send}
              onSubmit={submitSend}
              submitLabel={t('invitations.sendList', { count: preview.invitees.length })}
              busyLabel={t('invitations.sending')}
              labelledBy={`${id}-preview`}
            >
              <LanguageSelect id="invite-list-language" value={language} onChange={setLanguage} />
            </FormShell>
          )}
        </div>
      )}
    </>
  );
}
