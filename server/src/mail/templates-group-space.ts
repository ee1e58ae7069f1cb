import type { Branding, RenderedMail } from './mail-templates.js';
import { cleanMailText, renderBlocks } from './templates-meetings-layout.js';
import { meetingPhrases } from './templates-meetings-text.js';

export interface GroupDigestContent {
  name: string;
  title: string;
  /** Newest last; already limited to a few. */
  messages: Array<{ author: string; text: string; at: Date }>;
  moreMessages: number;
  timeZone: string;
  optOutUrl: string;
  /** Hosts log in and get the space's address; invitees reach it through their personal link (never in a mail). */
  hostSpaceUrl?: string;
}

const words = {
  de: {
    subject: (title: string) => `Neue Nachrichten im Gruppenraum: ${title}`,
    intro: (title: string) => `im Gruppenraum von „${title}“ gibt es neue Nachrichten:`,
    more: (count: number) => `… und ${count} weitere.`,
    read: 'Lesen und antworten Sie über den persönlichen Link aus Ihrer Einladung; dort finden Sie „Zum Gruppenraum“.',
    readHost: 'Lesen und antworten (nach der Anmeldung):',
    optOut: 'Diese Zusammenfassung nicht mehr bekommen',
  },
  en: {
    subject: (title: string) => `New messages in the group space: ${title}`,
    intro: (title: string) => `there are new messages in the group space of “${title}”:`,
    more: (count: number) => `… and ${count} more.`,
    read: 'Read and answer through the personal link in your invitation; there you find “Open the group space”.',
    readHost: 'Read and answer (after logging in):',
    optOut: 'Stop these summaries',
  },
} as const;

/** At most one a day: the newest messages as plain text (escaped in HTML by the layout), no tracking. */
export function renderGroupDigest(
  content: GroupDigestContent,
  lang: 'de' | 'en',
  branding: Branding,
): RenderedMail {
  const w = words[lang];
  const p = meetingPhrases[lang];
  const when = new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: content.timeZone,
  });
  const title = cleanMailText(content.title, 200);
  return renderBlocks(
    {
      subject: w.subject(title),
      greeting: p.greeting(cleanMailText(content.name, 200)),
      blocks: [
        { lines: [w.intro(title)] },
        ...content.messages.map((message) => ({
          heading: `${cleanMailText(message.author, 200)}, ${when.format(message.at)}`,
          lines: cleanMailText(message.text, 2000).split('\n'),
        })),
        ...(content.moreMessages > 0 ? [{ lines: [w.more(content.moreMessages)] }] : []),
        { lines: content.hostSpaceUrl ? [w.readHost, content.hostSpaceUrl] : [w.read] },
      ],
      action: { label: w.optOut, url: content.optOutUrl },
      after: [],
    },
    lang,
    branding,
    p,
  );
}
