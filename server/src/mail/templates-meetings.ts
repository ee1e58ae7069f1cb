import { describeRecurrence, type LocalDateTime } from '../features/meetings/recurrence-fns.js';
import type { Recurrence } from '../features/meetings/recurrence-schemas.js';
import type { Branding, RenderedMail } from './mail-templates.js';
import { cleanMailText, headerSafe, renderBlocks, type Block } from './templates-meetings-layout.js';

export { cleanMailText, headerSafe };
import { meetingPhrases, type MeetingPhrases } from './templates-meetings-text.js';

export interface MeetingDate {
  start: Date;
  end: Date;
  cancelled: boolean;
}

/** What every meeting mail says about the meeting, for one reader. */
export interface MeetingFacts {
  title: string;
  description: string;
  organisationName: string;
  hostName: string;
  kind: 'single' | 'series';
  /** The reader's zone: every date is written in it. */
  timeZone: string;
  /** The meeting's zone, in which series rhythms are described. */
  meetingTimeZone: string;
  /** Next dates (a few), cancelled ones marked. */
  dates: MeetingDate[];
  /** How many more dates follow. */
  moreDates: number;
  rhythms: Array<{ recurrence: Recurrence; firstStart: LocalDateTime }>;
  /** Null when the meeting offers no dial-in (switched off, end-to-end encrypted or no numbers). */
  phone: {
    numbers: Array<{ label: string; number: string }>;
    meetingId: string;
    pin: string;
    /** The meeting-wide PIN, only in the text a host shares (personal mails carry the personal PIN). */
    sharedPin?: string;
  } | null;
  e2ee: boolean;
  retentionDays: number;
}

export type MeetingMailContent =
  | { template: 'meeting_invitation'; name: string; link: string; facts: MeetingFacts }
  | { template: 'meeting_updated'; name: string; link: string; facts: MeetingFacts }
  | { template: 'meeting_cancelled'; name: string; facts: MeetingFacts }
  | { template: 'occurrence_cancelled'; name: string; link: string; facts: MeetingFacts; date: MeetingDate }
  | {
      template: 'occurrence_moved';
      name: string;
      link: string;
      facts: MeetingFacts;
      from: MeetingDate;
      to: MeetingDate;
    }
  | { template: 'invitation_revoked'; name: string; facts: MeetingFacts }
  | { template: 'meeting_reminder'; name: string; link: string; facts: MeetingFacts; date: MeetingDate }
  | { template: 'meeting_under_attack'; name: string; title: string; meetingId: string };

/** The "when" block: rhythms of a series, then the next dates in the reader's zone. */
export function describeWhen(
  facts: MeetingFacts,
  lang: 'de' | 'en',
  p: MeetingPhrases = meetingPhrases[lang],
): string[] {
  const rhythms = facts.rhythms.map(
    (rhythm) =>
      `${describeRecurrence(rhythm.recurrence, lang, rhythm.firstStart)} (${facts.meetingTimeZone})`,
  );
  const dates = facts.dates.map(
    (date) =>
      `${facts.kind === 'series' ? '• ' : ''}${p.formatDate(date.start, date.end, facts.timeZone)}${date.cancelled ? ` ${p.cancelledMark}` : ''}`,
  );
  return [
    ...rhythms,
    ...dates,
    ...(facts.moreDates > 0 ? [p.moreDates(facts.moreDates)] : []),
    p.zone(facts.timeZone),
  ];
}

/** Everything an invitee needs to join: when, how (phone), and the privacy note. */
function meetingBlocks(
  facts: MeetingFacts,
  lang: 'de' | 'en',
  p: MeetingPhrases,
): { main: Block[]; after: Block[] } {
  const main: Block[] = [{ heading: p.headings.when, lines: describeWhen(facts, lang, p) }];
  if (facts.description) {
    main.push({ heading: p.headings.about, lines: [facts.description] });
  }
  const after: Block[] = [{ lines: [p.personalLink, p.noInstall] }];
  if (facts.phone) {
    after.push({
      heading: p.headings.phone,
      lines: [
        ...facts.phone.numbers.map((entry) => `${entry.label}: ${entry.number}`),
        ...p.phoneLines(facts.phone.meetingId, facts.phone.pin),
      ],
    });
  } else if (facts.e2ee) {
    after.push({ lines: [p.e2ee] });
  }
  return { main, after };
}

const cleanFacts = (facts: MeetingFacts): MeetingFacts => ({
  ...facts,
  title: headerSafe(cleanMailText(facts.title, 200)),
  description: cleanMailText(facts.description),
  organisationName: headerSafe(cleanMailText(facts.organisationName, 200)),
  hostName: headerSafe(cleanMailText(facts.hostName, 200)),
});

/** Renders a meeting mail in German or English, as plain text and escaped HTML, without tracking of any kind. */
export function renderMeetingMail(
  content: MeetingMailContent,
  lang: 'de' | 'en',
  branding: Branding,
): RenderedMail {
  const p = meetingPhrases[lang];
  const greeting = p.greeting(headerSafe(cleanMailText(content.name, 200)));
  if (content.template === 'meeting_under_attack') {
    const title = headerSafe(cleanMailText(content.title, 200));
    const lines = p.attackLines(title, content.meetingId);
    return renderBlocks(
      { subject: p.subjects.attack(title), greeting, blocks: [{ lines }], after: [] },
      lang,
      branding,
      p,
    );
  }
  const facts = cleanFacts(content.facts);
  const { main, after } = meetingBlocks(facts, lang, p);
  const privacy: Block = { lines: [p.privacy(facts.retentionDays)] };
  const formatted = (date: MeetingDate) => p.formatDate(date.start, date.end, facts.timeZone);
  const first = facts.dates.find((date) => !date.cancelled);
  const intro: Block = { lines: [p.invitedBy(facts.hostName, facts.organisationName), p.topic(facts.title)] };
  const join = (url: string) => ({ label: p.joinLabel, url });
  switch (content.template) {
    case 'meeting_invitation': {
      const when = facts.kind === 'single' && first ? formatted(first) : '';
      return renderBlocks(
        {
          subject: p.subjects.invitation(facts.title, when),
          greeting,
          blocks: [intro, ...main],
          action: join(content.link),
          after: [...after, { lines: [p.decline, p.calendarAttached] }, privacy],
        },
        lang,
        branding,
        p,
      );
    }
    case 'meeting_updated':
      return renderBlocks(
        {
          subject: p.subjects.updated(facts.title),
          greeting,
          blocks: [{ lines: [p.updatedIntro(facts.title)] }, intro, ...main],
          action: join(content.link),
          after: [...after, { lines: [p.calendarUpdated] }, privacy],
        },
        lang,
        branding,
        p,
      );
    case 'occurrence_cancelled':
      return renderBlocks(
        {
          subject: p.subjects.occurrenceCancelled(facts.title, formatted(content.date)),
          greeting,
          blocks: [{ lines: [p.occurrenceCancelledIntro(formatted(content.date))] }, intro, ...main],
          action: join(content.link),
          after: [...after, { lines: [p.calendarUpdated] }, privacy],
        },
        lang,
        branding,
        p,
      );
    case 'occurrence_moved':
      return renderBlocks(
        {
          subject: p.subjects.occurrenceMoved(facts.title),
          greeting,
          blocks: [
            { lines: [p.occurrenceMovedIntro(formatted(content.from), formatted(content.to))] },
            intro,
            ...main,
          ],
          action: join(content.link),
          after: [...after, { lines: [p.calendarUpdated] }, privacy],
        },
        lang,
        branding,
        p,
      );
    case 'meeting_reminder':
      return renderBlocks(
        {
          subject: p.subjects.reminder(facts.title, formatted(content.date)),
          greeting,
          blocks: [{ lines: [p.reminderIntro(facts.title, formatted(content.date))] }, intro],
          action: join(content.link),
          after: [...after, privacy],
        },
        lang,
        branding,
        p,
      );
    case 'meeting_cancelled':
      return renderBlocks(
        {
          subject: p.subjects.cancelled(facts.title),
          greeting,
          blocks: [
            { lines: [p.cancelledIntro(facts.title, facts.organisationName, facts.kind === 'series')] },
          ],
          after: [{ lines: [p.calendarUpdated] }, privacy],
        },
        lang,
        branding,
        p,
      );
    case 'invitation_revoked':
      return renderBlocks(
        {
          subject: p.subjects.revoked(facts.title),
          greeting,
          blocks: [{ lines: [p.revokedIntro(facts.title)] }],
          after: [{ lines: [p.calendarUpdated] }, privacy],
        },
        lang,
        branding,
        p,
      );
  }
}
