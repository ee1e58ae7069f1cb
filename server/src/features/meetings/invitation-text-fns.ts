import { cleanMailText, describeWhen, headerSafe, type MeetingFacts } from '../../mail/templates-meetings.js';
import { meetingPhrases } from '../../mail/templates-meetings-text.js';

export interface InvitationTextInput {
  /** Facts for a reader in the meeting's zone, without a personal PIN. */
  facts: MeetingFacts;
  joinUrl: string;
  meetingId: string;
  passcode: string | null;
  privacyUrl: string;
}

const words = {
  de: {
    browser: 'Im Browser teilnehmen (ohne Installation)',
    meetingId: 'Meeting-ID',
    passcode: 'Kenncode',
    sharedPin: 'PIN für alle Anrufenden',
    privacy: 'Datenschutzhinweise',
  },
  en: {
    browser: 'Join in the browser (nothing to install)',
    meetingId: 'Meeting ID',
    passcode: 'Passcode',
    sharedPin: 'PIN for all callers',
    privacy: 'Privacy notice',
  },
} as const;

/**
 * The invitation a host copies into their own mail or newsletter: the same facts as a personal invitation, but
 * with the public join page, meeting ID and passcode instead of a personal link and PIN, and the meeting-wide
 * PIN when the host switched it on. Plain text only; end-to-end encrypted meetings get no dial-in data at all.
 */
export function invitationText(input: InvitationTextInput, lang: 'de' | 'en'): string {
  const p = meetingPhrases[lang];
  const w = words[lang];
  const facts = {
    ...input.facts,
    title: headerSafe(cleanMailText(input.facts.title, 200)),
    description: cleanMailText(input.facts.description),
    organisationName: headerSafe(cleanMailText(input.facts.organisationName, 200)),
    hostName: headerSafe(cleanMailText(input.facts.hostName, 200)),
  };
  const blocks: string[][] = [
    [p.invitedBy(facts.hostName, facts.organisationName), p.topic(facts.title)],
    [`${p.headings.when}:`, ...describeWhen(facts, lang, p)],
  ];
  if (facts.description) {
    blocks.push([`${p.headings.about}:`, facts.description]);
  }
  blocks.push([
    `${w.browser}:`,
    input.joinUrl,
    `${w.meetingId}: ${facts.phone?.meetingId ?? input.meetingId}`,
    ...(input.passcode ? [`${w.passcode}: ${input.passcode}`] : []),
  ]);
  if (facts.phone) {
    blocks.push([
      `${p.headings.phone}:`,
      ...facts.phone.numbers.map((entry) => `${entry.label}: ${entry.number}`),
      ...p.phoneLines(facts.phone.meetingId, ''),
      ...(facts.phone.sharedPin ? [`${w.sharedPin}: ${facts.phone.sharedPin}`] : []),
    ]);
  } else if (facts.e2ee) {
    blocks.push([p.e2ee]);
  }
  blocks.push([`${w.privacy}: ${input.privacyUrl}`]);
  return `${blocks.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
